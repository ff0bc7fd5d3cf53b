skip-to-content = Skip to content
nav-label = Main navigation
nav-home = Home
nav-communities = Communities
nav-people = People
nav-settings = Settings
nav-admin = Administration
nav-sign-out = Sign out
footer = Allmende – the company's communities

login-title = Sign in
login-uid = User name or e-mail
login-password = Password
login-submit = Sign in
login-failed = The user name or password is not correct.
login-unavailable = Your password cannot be checked right now because the company directory cannot be reached. Please try again in a few minutes.
login-throttled = Too many failed attempts. Please wait a few minutes before trying again.

home-title = Home
home-welcome = Welcome, { $name }
home-my-communities = My communities
home-none = You are not a member of any community yet.
home-find = Find communities to join

communities-title = Communities
communities-kind = Type
communities-all-kinds = All kinds
communities-new = Start a community
search-label = Search
search-submit = Search
results-count = { $count ->
    [one] One result
   *[other] { $count } results
}
next-page = Next page
member-count = { $count ->
    [one] one member
   *[other] { $count } members
}
optional = optional

kind-organization = Organization
kind-department = Department
kind-project = Project
kind-interest = Interest
visibility-public = Public
visibility-private = Private
visibility-secret = Secret
join-open = Open to join
join-request = Join on request
join-invite = By invitation
archived = Archived
state-active = Member
state-requested = Request pending
state-invited = Invited
state-banned = Banned
you-are-active = You are a member.
you-are-requested = Your request to join is waiting for a manager.
you-are-invited = You have been invited.
you-are-banned = You have been banned from this community.
role-manager = Manager
role-moderator = Moderator
role-member = Member

action-join = Join
action-request = Ask to join
action-leave = Leave
action-withdraw = Withdraw request
action-create = Create
action-save = Save

community-about = About
community-posts = Posts
community-no-posts = No posts yet.
community-members = Members
community-members-only = Only members can see the posts and members of this community.

people-title = People
person-inactive = No longer with the company

settings-title = Settings
settings-saved = Your settings have been saved.
settings-locale-browser = As my browser says

field-uid = User name
field-email = E-mail
field-phone = Phone
field-name = Name
field-slug = Web address
field-kind = Type
field-description = Description
field-visibility = Visibility
field-join_policy = Joining
field-locale = Language
field-timezone = Time zone
field-limit = Page size
field-cursor = Page position
field-title = Title
field-job-title = Job title
field-department = Department
field-manager = Manager
field-role = Role
field-state = State

invalid-required = { $field } is required.
invalid-too-long = { $field } is too long.
invalid-too-short = { $field } is too short.
invalid-bad-characters = { $field } contains characters that are not allowed.
invalid-unknown-value = { $field } has a value we do not know.
invalid-malformed = { $field } is not in the expected form.
invalid-out-of-range = { $field } is out of range.
invalid-not-allowed = { $field }: this choice is not allowed here.

error-title = { $status ->
    [404] This page does not exist
    [403] You are not allowed to do this
    [409] This cannot be done right now
    [422] Please check what you entered
    [429] Please wait a moment
   *[other] Something went wrong
}
error-back-home = Back to the home page
error-not-found = This page does not exist, or you may not see it.
error-unauthenticated = Please sign in.
error-forbidden = You may not do that.
error-csrf-failed = The form had expired. Please go back, reload the page and try again.
error-invalid-input = Some input was not valid.
error-bad-request = The request could not be read.
error-duplicate = This already exists.
error-name-taken = A community with this name already exists.
error-slug-taken = This web address is already used by another community.
error-uid-taken = This user name is already taken.
error-last-manager = You are the only manager of this community. Hand over to someone else first (Manage → Members); then you can leave.
error-not-member = You are not a member of this community.
error-too-many-requests = Too many attempts. Please wait a few minutes.
error-unavailable = The database cannot be reached right now. Please try again shortly.
error-internal = Something went wrong on our side. It has been logged.
error-archived = This community is archived and read-only.
error-membership-managed = Membership of this community follows the company directory.
error-banned = You have been banned from this community.
error-invitation-required = This community admits members by invitation only.
error-members-only = Only members can see this.
error-create-not-allowed = Only administrators may start communities of this kind.
error-already-sent = This issue has already been sent or scheduled.
error-no-email = Your account has no mail address.
error-official-mail = This newsletter is an official announcement and cannot be unsubscribed from.
error-sync-running = The directory sync is running right now. Please try again in a few minutes.
error-database-not-empty = The database already holds people; the large demo needs an empty one.

admin-directory-title = Directory sync
admin-directory-disabled = No company directory is connected yet: everyone signs in with a local account, which you create under People. To take the staff over from LDAP or Active Directory, whoever runs Allmende enters the directory server's address in the [ldap] section of the configuration file; the sync runs then appear here.
admin-directory-runs = Recent sync runs
admin-directory-none = No sync has run yet.
admin-run = Run
admin-run-started = Started
admin-run-status = Outcome
admin-run-reason = Reason
admin-run-read = Entries read
admin-run-skipped = skipped
admin-run-created = Created
admin-run-updated = Updated
admin-run-moved = Moved
admin-run-deactivated = Deactivated
admin-run-reactivated = Reactivated
admin-run-unchanged = Unchanged
admin-run-departments = Departments created
admin-run-changes = Changes (the first { $max })
admin-status-running = running
admin-status-applied = applied
admin-status-aborted = aborted, nothing changed
admin-status-dry-run = dry run

field-body = Text
field-parent_id = Reply to
post-new = New post
post-edit = Edit post
post-flags = For managers
post-pinned = Pinned
post-announcement = Announcement
post-back-to = Back to
post-done-published = Your post is published.
post-done-saved = Your changes are saved.
post-done-commented = Your comment is published.
qa-done-published = Your question is asked.
qa-done-commented = Your answer is published.
post-back = Back to the community
post-comments = { $count ->
    [one] One comment
   *[other] { $count } comments
}
post-read-more = Read and comment
community-new-post = Write a post
comment-add = Your comment
comment-send = Send
comment-reply = Reply
comment-your-reply = Your reply
qa-comment = Comment
qa-your-comment = Your comment on this answer
comment-edit = Edit comment
edited-at = edited { $time }
deleted = deleted
action-edit = Edit
action-delete = Delete
markdown-bold = bold
markdown-italic = italic
reaction-like = Like
reaction-celebrate = Celebrate
reaction-support = Support
reaction-insightful = Insightful
reaction-curious = Curious
error-not-author = Only the author may do that.
error-managers-only = Only the community's managers may do that.
error-managers-post-here = In this community, its managers write the posts; members comment.
error-deleted = This has been deleted.
nav-topics = Topics
topics-title = Topics
topics-trending = Trending this week
topics-none = No topics this week yet. Name one in a post with #topic.
topics-posts = { $count ->
    [one] one post
   *[other] { $count } posts
}
topics-no-posts = No posts you can read name this topic.
topics-follow = Follow this topic
topics-unfollow = Stop following
feed-title = What’s new
feed-empty = Nothing new yet. Join communities or follow topics, and their posts appear here.
hidden = hidden
hidden-notice = Hidden by the moderators.
report-action = Report
report-why = Why?
report-note = What is wrong (optional)
report-send = Send report
report-thanks = Thank you. The moderators will look at it; the author does not learn who reported.
report-reason-spam = Spam
report-reason-offensive = Offensive
report-reason-off-topic = Off topic
report-reason-other = Something else
moderation-title = Reports to handle
moderation-empty = Nothing to handle.
moderation-target-post = post
moderation-target-comment = comment
moderation-reports = { $count ->
    [one] one report
   *[other] { $count } reports
}
moderation-author-gone = the author (no longer here)
moderation-done-dismiss = The reports are dismissed; the content stays as it was.
moderation-done-hide = Hidden: only moderators still see it.
moderation-done-delete = Deleted.
moderation-done-warn = The author is warned and notified.
moderation-done-ban = The author is banned from the community.
confirm-moderation-delete = { $what ->
    [comment] Delete the comment on “{ $title }”?
   *[post] Delete “{ $title }”?
}
confirm-moderation-delete-what = What { $author } wrote disappears for everyone in { $community }; moderators still see that it was there. All open reports about it are settled with it.
confirm-moderation-ban = Ban { $author } from { $community }?
confirm-moderation-ban-what = { $author } loses the membership and cannot join again until a manager lifts the ban. The reported content stays until you hide or delete it.
moderation-action = Decision
moderation-action-dismiss = Dismiss the reports
moderation-action-hide = Hide it
moderation-action-delete = Delete it
moderation-action-warn = Warn the author
moderation-action-ban = Ban the author from this community
moderation-reason = Why (kept in the audit log)
moderation-decide = Decide
error-already-reported = You have already reported this.
error-already-decided = These reports have already been handled.
error-moderators-only = Only the community's moderators may do that.
error-cannot-ban-manager = A manager cannot be banned; remove the manager role first.
error-cannot-ban-self = You cannot ban yourself.
error-author-gone = The author's account no longer exists.
field-note = Note
field-reason = Reason
field-action = Decision
field-target = Reported content
nav-notifications = Notifications
notifications-title = Notifications
notifications-unread = { $count ->
    [0] Nothing unread.
    [one] One unread.
   *[other] { $count } unread.
}
notifications-read-all = Mark all as read
notifications-mark-read = Mark as read
notifications-new = New
notifications-none = No notifications.
notification-mentioned = { $actor } mentioned you in “{ $title }”
notification-comment = { $actor } commented on “{ $title }”
notification-reply = { $actor } replied to your comment on “{ $title }”
notification-report-handled = Your report about “{ $title }” was handled.
notification-moderated = The moderators acted on your contribution to “{ $title }”: { $detail }
settings-notifications = Notifications
settings-notifications-legend = Tell me when
notification-kind-mentioned = someone mentions me
notification-kind-comment = someone comments on my post
notification-kind-reply = someone replies to my comment
notification-kind-report-handled = my report was handled
notification-kind-moderated = moderators act on my contribution
notification-report = “{ $title }” was reported and awaits review
notification-reaction = { $others ->
    [0] { $actor } reacted to your contribution to “{ $title }”
    [one] { $actor } and one more person reacted to your contribution to “{ $title }”
   *[other] { $actor } and { $others } more people reacted to your contribution to “{ $title }”
}
notification-invited = { $actor } invited you to { $community }
notification-join-request = { $actor } asks to join { $community }
notification-join-approved = You are now a member of { $community }
notification-kind-report = content of a community I moderate is reported
notification-kind-reaction = someone reacts to my post or comment
notification-kind-invited = someone invites me to a community
notification-kind-join-request = someone asks to join a community I manage
notification-kind-join-approved = my request to join was approved
nav-search = Search
search-title = Search
search-results = { $count ->
    [0] Nothing found.
    [one] One hit
   *[other] { $count } hits
}
search-kind-post = post
search-kind-comment = comment
search-kind-community = community
field-q = Search words
error-already-member = This person is already a member.
error-nothing-to-change = There is nothing to change.
field-code_of_conduct = Code of conduct
community-code-of-conduct = Code of conduct
community-join-accepts = By joining you accept the code of conduct below.
community-settings = Community settings
community-archived-label = Archived (read-only)
members-manage = Manage members
members-title = Members of { $community }
members-invite = Invite someone
members-invite-label = Whom would you like to invite?
members-invite-action = Invite
members-invite-person = Invite { $name }
members-choose = Several people match “{ $find }”: choose one.
members-nobody = Nobody who could be invited matches “{ $find }”.
members-requests = Asking to join
members-approve = Approve
members-approve-person = Approve { $name }
members-decline = Decline
members-decline-person = Decline { $name }
members-invited = Invited
members-withdraw = Withdraw invitation
members-withdraw-person = Withdraw invitation: { $name }
members-active = { $count ->
    [one] One member
   *[other] { $count } members
}
members-role-of = Role of { $name }
members-change-role = Change role
members-remove = Remove
members-remove-person = Remove { $name }
members-ban = Ban
members-ban-person = Ban { $name }
members-banned = Banned
members-unban = Lift ban
members-unban-person = Lift ban: { $name }
members-done-invited = Invitation sent.
members-done-approved = They are a member now.
members-done-changed = Saved.
moderation-admin-title = Reports in all communities
nav-admin-reports = Reports
community-members-newest = { $count ->
    [one] One member.
   *[other] { $count } members; the newest:
}
search-results-more = More than { $count } hits; the newest of them, best first
community-modules = Modules
community-modules-hint = The blog is always on. A module switched off keeps its content; switched on again, it is back.
module-tasks = Tasks
nav-tasks = My tasks
field-status = Status
field-priority = Priority
field-due_on = Due date
field-assignees = Assigned to
field-checklist = Checklist
tasks-board = Task board
tasks-columns = Board columns
tasks-list = Task list
tasks-none = No tasks.
tasks-count = { $count ->
    [one] One task
   *[other] { $count } tasks
}
tasks-mine = My tasks
tasks-mine-hint = Open tasks assigned to you in all your communities, by due date; overdue ones first.
tasks-mine-none = Nothing assigned to you is open.
tasks-filter-mine = Mine
tasks-filter-overdue = Overdue
tasks-filter-unassigned = Unassigned
tasks-filter-assignee = Assigned to (user name)
tasks-filter-due-before = Due by
tasks-filter-any = any
tasks-filter-apply = Show
task-new = New task
task-edit = Edit task
task-back = Back to the task
tasks-back = Back to the task board
task-done-created = The task is created; whoever is assigned is told.
task-move = Change status
task-moved = “{ $title }” is now under “{ $status }”.
task-status-of = Status of “{ $title }”
task-status-open = Open
task-status-in-progress = In progress
task-status-blocked = Blocked
task-status-done = Done
task-priority-low = Low
task-priority-normal = Normal
task-priority-high = High
task-priority-urgent = Urgent
task-due-on = due { $date }
task-overdue = overdue
task-unassigned = Nobody assigned
task-checklist-progress = { $done } of { $total } done
task-assignees-hint = names, user names or mail addresses of members, separated by commas
task-checklist-hint = one item per line
task-created-by = Created by
task-comments = Comments
task-history = History
task-item-done = done
task-item-tick = Tick off
task-item-undo = Not done
task-item-remove = Remove
task-item-add = New item
task-item-add-button = Add
task-event-created = created the task “{ $new }”
task-event-title = renamed it from “{ $old }” to “{ $new }”
task-event-description = changed the description
task-event-status = moved it from { $old } to { $new }
task-event-priority = changed the priority from { $old } to { $new }
task-event-due_on = changed the due date from { $old } to { $new }
task-event-assigned = assigned { $new }
task-event-unassigned = unassigned { $old }
task-event-checklist = changed the checklist: { $old } → { $new }
task-event-deleted = deleted the task
notification-task-assigned = { $actor } assigned you “{ $title }”
notification-task-comment = { $actor } commented on “{ $title }”
notification-task-status = { $actor } moved “{ $title }” to { $detail }
notification-task-due = “{ $title }” is due today
invalid-in-the-past = { $field } lies in the past.
invalid-not-a-date = { $field } is not a date (YYYY-MM-DD).
invalid-unknown-person = { $field }: we cannot find this person.
invalid-left-company = { $field }: this person has left the company.
invalid-not-member = { $field }: only members of the community can be assigned.
invalid-too-many = { $field }: too many.
notification-kind-task-assigned = someone assigns me a task
notification-kind-task-comment = someone comments on a task of mine
notification-kind-task-status = a task of mine changes its status
notification-kind-task-due = a task of mine is due today
module-status = Status reports
nav-status = Projects
field-overall = Overall status
field-summary = Summary
field-achievements = Achievements
field-next_steps = Next steps
field-risks = Risks and issues
field-help_needed = Help needed
field-areas = Areas
rag-green = Green
rag-amber = Amber
rag-red = Red
status-title = Status reports
status-started-from = This report starts from the last one, of { $time }. Change what has moved.
status-new = New status report
status-publish = Publish report
status-none = No status report yet.
status-changed = changed from { $from } to { $to }
status-area-schedule = Schedule
status-area-budget = Budget
status-area-scope = Scope
status-area-unrated = not rated
status-rollup = Project status
status-rollup-hint = Red and stale projects first. A project is stale when its latest report is older than { $days } days.
status-whole-organization = Whole organization
status-project = Project
status-reported = Reported
status-changes = Since the report before
status-never = no report yet
status-age = { $days ->
    [0] today
    [one] one day ago
   *[other] { $days } days ago
}
status-stale = stale
status-no-projects = No projects you can see report their status here.
invalid-duplicate = { $field }: named twice.
community-department-hint = its project status is part of this department's roll-up
module-polls = Polls
polls-none = No polls yet.
poll-new = New poll
poll-ask = Start the poll
field-question = Question
field-options = Options
field-closes_at = Closes
field-option_ids = Choice
poll-options-hint = one per line, 2 to 20
poll-closes-hint = optional; without it the poll stays open until closed by hand
poll-multiple = Several options may be chosen
poll-anonymous-label = Anonymous: nobody can tell who chose what (votes cannot be changed)
poll-anonymous = anonymous
poll-anonymous-explained = This poll is anonymous: only who voted is stored, not what they chose. A vote cannot be changed.
poll-results-before-close = Show results before the poll closes
poll-closes = closes { $time }
poll-closed = closed
poll-you-voted = You have voted.
poll-your-choice = Your choice
poll-vote = Vote
poll-change-vote = Change my vote
poll-results = Results
poll-results-later = Results are shown when the poll closes.
poll-voters = { $count ->
    [one] One person voted.
   *[other] { $count } people voted.
}
poll-votes = Votes
poll-share = Share
poll-mine = your choice
poll-edit = Edit
poll-edit-title = Edit the poll
poll-edit-hint = Until the first vote, the question, its options and settings can still change.
poll-back = Back to the poll
poll-done-saved = Your changes are saved.
poll-close = Close the poll now
error-poll-has-votes = People have voted in this poll already; its question and options stay as they were.
error-poll-closed = This poll is closed.
error-already-voted = You have already voted in this anonymous poll; the vote cannot be changed.
invalid-too-few = { $field }: too few.
invalid-one-only = { $field }: only one may be chosen.
invalid-not-a-time = { $field } is not a time.
invalid-skipped-time = { $field }: the clocks skip this time (daylight saving).
module-meetings = Meetings
meetings-upcoming = Coming up
meetings-past = Past meetings
meetings-none = No meetings planned.
meetings-calendar = In your calendar program
meetings-calendar-hint = Subscribe to this link in your calendar program to see this community's meetings there. It is yours: do not pass it on.
meetings-calendar-link = Your calendar link
meetings-calendar-renew = New link (the old one stops working)
meeting-new = New meeting
meeting-edit = Change meeting
meeting-organizer = Organizer
meeting-download = Add to calendar (.ics)
meeting-rsvp = Who comes
meeting-rsvp-counts = Yes: { $yes } · No: { $no } · Maybe: { $maybe }
meeting-attending = Coming
rsvp-yes = Yes
rsvp-no = No
rsvp-maybe = Maybe
meeting-suggestions = Suggested items
meeting-suggestion-added = on the agenda
meeting-suggestion-adopt = Add to the agenda
meeting-suggest = Suggest an agenda item
meeting-suggest-send = Suggest
meeting-decisions = Decisions
meeting-actions = Action items
meeting-action-task = task
meeting-make-task = Make it a task
meeting-add-outcome = Add decision or action item
meeting-assignee-hint = action items: name, user name or mail address of a member
outcome-decision = Decision
outcome-action = Action item
field-starts_at = Starts
field-ends_at = Ends
field-place = Place
field-online_url = Online link
field-agenda = Agenda
field-minutes = Minutes
field-text = Text
field-assignee = Who
field-answer = Answer
error-organizers-only = Only the organizer and the community's managers may do that.
error-meeting-over = This meeting is over.
error-already-added = This is already on the agenda.
error-not-an-action = Only action items become tasks.
error-already-a-task = This action item is already a task.
invalid-before-start = { $field } lies before the start.
invalid-not-a-link = { $field } is not a web link (http or https).
invalid-times-together = { $field }: start, end and time zone are changed together.
invalid-decision-has-no-assignee = { $field }: a decision has no assignee or due date.

# AMAs
amas-title = Ask me anything
amas-explained = Hosts answer the questions the community asks and votes up, in a set window.
amas-none = No AMAs yet.
ama-edit = Edit
ama-edit-title = Edit the AMA
ama-edit-hint = Until the AMA opens, its times, hosts and description can still change.
ama-back = Back to the AMA
ama-done-saved = Your changes are saved.
ama-new = Schedule an AMA
ama-schedule = Schedule
ama-hosted-by = with
ama-counts = { $questions } questions, { $answered } answered
ama-window = Question window
ama-hosts-hint = names, user names or mail addresses, separated by commas; they answer
ama-audience-community = the community
ama-audience-organization = the whole organization
ama-anonymous-allowed = Questions may be asked anonymously
ama-moderated = Questions wait for approval before they appear
ama-anonymous-explained = Anonymous questions show no name to anyone, not even to the hosts and moderators.
ama-moderated-explained = Questions appear once the organizers have approved them.
ama-state-scheduled = scheduled
ama-state-live = live
ama-state-closed = closed
ama-summary-read = Read the summary
ama-close-now = Close now
ama-ask = Ask a question
ama-ask-anonymously = Ask anonymously (nobody sees your name)
ama-ask-submit = Ask the question
ama-opens-later = Questions can be asked once the window opens.
ama-questions = Questions
ama-sort = Order of the questions
ama-sort-votes = Most votes
ama-sort-newest = Newest
ama-sort-unanswered = Unanswered
ama-sort-answered = Answered
ama-no-questions = No questions yet.
ama-queue = Waiting for the organizers
ama-my-waiting = My questions not shown
ama-anonymous = Anonymous
ama-mine = my question
ama-pinned = pinned
ama-question-pending = waiting for approval
ama-question-rejected = rejected
ama-question-hidden = hidden
ama-question-merged = merged
ama-question-published = shown
ama-votes = { $count ->
    [one] 1 vote
   *[other] { $count } votes
}
ama-rejected-because = Reason:
ama-merged-into = Merged into question #{ $id }
vote-question = I want to know too
vote-answer = Helpful
ama-unvote = Take my vote back
ama-withdraw = Withdraw
ama-answer-by = Answer by
ama-follow-up = Your follow-up
ama-follow-up-open = Follow up
ama-follow-up-submit = Send follow-up
ama-answer = Answer
ama-edit-answer = Change the answer
ama-answer-submit = Publish answer
ama-moderate = Moderate
ama-action-approve = Approve
ama-action-reject = Reject
ama-action-pin = Pin
ama-action-unpin = Unpin
ama-action-hide = Hide
ama-action-show = Show again
ama-action-merge = Merge as duplicate
ama-reject-reason = Reason for rejecting (the asker reads it)
ama-merge-into = Duplicate of question number
ama-summary-title = AMA summary: { $title }
ama-summary-intro = The questions and answers of the AMA “{ $title }” with { $hosts }, by votes.
ama-summary-votes = { $count ->
    [one] 1 vote
   *[other] { $count } votes
}
ama-summary-more = … and { $count } more answered questions on the AMA's page.
ama-summary-unanswered = { $count ->
    [0] Every question was answered.
    [one] 1 question remained unanswered.
   *[other] { $count } questions remained unanswered.
}
ama-summary-link = The AMA with all questions
field-hosts = Hosts
field-opens_at = Questions from
field-answering_from = Answers from
field-audience = Audience
field-anonymous = Anonymous
field-into = Duplicate of
field-sort = Order
invalid-before-opening = { $field } lies before questions open.
invalid-before-answering = { $field } lies before answering starts.
invalid-secret-community = { $field }: a secret community cannot hold an AMA for the whole organization.
invalid-same-question = { $field }: a question cannot duplicate itself.
invalid-window-incomplete = { $field }: opening, answering, closing and time zone are changed together.
error-ama-closed = This AMA is closed.
error-ama-not-open = This AMA does not take questions yet.
error-own-question = You cannot vote for your own question.
error-question-not-published = This question is not shown (yet).
error-hosts-only = Only the AMA's hosts may answer.
error-ama-not-live = Answers come once the AMA is live.
error-not-answered = This question has no answer yet.
error-already-answered = This question is already answered.
error-overlapping-ama = Another AMA of this community overlaps this window.
error-ama-started = Answering has started: the window can no longer be moved.
error-question-state = This cannot be done with the question as it is now.
notification-ama-scheduled = An AMA is scheduled: “{ $title }”
notification-ama-live = “{ $title }” is live: answers are coming in
notification-ama-starting = { $waiting ->
    [0] “{ $title }” starts: nobody has asked yet
    [one] “{ $title }” starts: 1 question waits for your answer
   *[other] “{ $title }” starts: { $waiting } questions wait for your answers
}
notification-question-answered = { $actor } answered a question in “{ $title }”
notification-kind-ama-scheduled = an AMA is scheduled in my communities
notification-kind-ama-live = an AMA goes live
notification-kind-ama-starting = an AMA I host starts
notification-kind-question-answered = a question I asked or voted for is answered
notification-answer-accepted = { $actor } accepted your answer to “{ $title }”
notification-kind-answer-accepted = my answer to a question is accepted

# Q&A
qa-title = Questions
qa-question = Question
qa-ask = Ask a question
qa-your-question = Your question in one line
qa-your-answer = Your answer
qa-filter = Which questions
qa-all = All
qa-help-wanted = Help wanted
qa-count = { $count ->
    [one] 1 question
   *[other] { $count } questions
}
qa-unanswered-count = { $count ->
    [0] No question waits for an answer.
    [one] 1 question waits for an answer.
   *[other] { $count } questions wait for an answer.
}
qa-asked-hours = { $count ->
    [0] asked just now
    [one] asked 1 hour ago
   *[other] asked { $count } hours ago
}
qa-asked-days = { $count ->
    [one] asked 1 day ago
   *[other] asked { $count } days ago
}
qa-answers = { $count ->
    [0] No answers yet
    [one] 1 answer
   *[other] { $count } answers
}
qa-accepted = answered
qa-accepted-answer = accepted answer
qa-accept = Accept this answer
qa-unaccept = Accept no answer
qa-none = No questions yet.
qa-all-answered = Every question has an answer.
error-not-a-question = Votes and accepted answers are for questions and their answers.
error-own-content = You cannot vote for your own contribution.
invalid-not-an-answer = { $field }: this is not an answer to the question.
field-comment_id = Answer
field-up = Vote

# Mail
mail-test-subject = Allmende test mail
mail-test-heading = Mail from Allmende arrives
mail-test-body = This message was sent through the { $transport } transport. If you read it, digests and newsletters will reach you too.
digest-subject = { $count ->
    [0] Your digest
    [one] Your digest: 1 new post
   *[other] Your digest: { $count } new posts
}
digest-hello = Hello { $name },
digest-intro = { $count ->
    [0] this is new for you:
    [one] this is new in your communities:
   *[other] these { $count } posts are new in your communities:
}
digest-amas = Ask Me Anything
digest-ama-opened = questions welcome now
digest-ama-answered = answered: the summary
digest-questions = Open questions in your interest communities
digest-status = Project status changed
digest-mentions = You were mentioned
digest-tasks = Your tasks
digest-task-due = due on { $date }
digest-task-overdue = overdue since { $date }
digest-announcements = Announcements
digest-more = { $count ->
    [one] and 1 more
   *[other] and { $count } more
}
digest-why = You get this digest because of your mail settings in Allmende.
digest-settings = Change how often, or switch it off
digest-unsubscribe = Unsubscribe with one click

## Newsletters
newsletters-title = Newsletter
newsletters-explained = The department's newsletter: its head and their delegates write it, every member gets it by mail, and every past issue is here.
newsletters-archive = Issues
newsletters-none = No issue yet.
newsletter-new = New issue
newsletter-subject = Subject
newsletter-body = Text
newsletter-save-draft = Save as draft
newsletter-state-draft = Draft
newsletter-state-scheduled = Scheduled
newsletter-state-sending = Going out
newsletter-state-sent = Sent
newsletter-goes-out = goes out on
newsletter-delivery = Delivery
newsletter-counts = { $sent } delivered, { $failed } undeliverable, { $pending } pending.
newsletter-send-test = Send a test to me
newsletter-send-now = Send to all members now
newsletter-schedule-at = Send later on ({ $zone } time)
newsletter-delivery-hint = Send yourself a test first: you see the mail as the members will get it.
newsletter-reschedule = Reschedule
newsletter-schedule = Schedule
newsletter-done-tested = The test mail is on its way to { $address }.
newsletter-done-sending = The newsletter is going out to all members now.
newsletter-done-scheduled = The newsletter is scheduled.
newsletter-write = Write a new issue
newsletter-edit-title = Edit the issue
newsletter-edit = Edit
newsletter-back = Back to the issue
newsletter-delete = Delete
newsletter-editor-hint = Markdown works: **bold**, _italic_, lists, links. The preview shows the text as the mail will.
newsletter-done-saved = Your changes are saved.
newsletter-done-deleted = The issue is deleted.
confirm-newsletter-delete = Delete “{ $subject }”?
confirm-newsletter-delete-what = The issue has not gone out yet; it disappears with its schedule and reaches nobody.
newsletter-mail-off = Mail is switched off: tests and issues reach nobody until the administrators set it up.
newsletter-done-mail-off = Done – but mail is switched off, so no mail went out.
newsletter-test-prefix = Test
newsletter-why = You get this newsletter as a member of { $community }.
newsletter-archive = Read it on the intranet
newsletter-unsubscribe = Unsubscribe from this newsletter

## Unsubscribe links
unsubscribe-title = Unsubscribe
unsubscribe-ask-digest = Do you want to stop getting your digest by mail?
unsubscribe-ask-newsletter = Do you want to stop getting the newsletter of { $community }?
unsubscribe-button = Unsubscribe
unsubscribe-done-digest = You will get no more digests.
unsubscribe-done-newsletter = You will no longer get the newsletter of { $community }.
unsubscribe-settings = See your mail settings or switch it on again

## Admin: mail
nav-admin-mail = Mail
admin-mail-title = Mail delivery
admin-mail-transport-smtp = Mail goes out through the server { $server }.
admin-mail-transport-file = Mail is not sent but written as files to { $dir } (for trying things out).
admin-mail-transport-none = Mail is switched off (mail.transport is "none"): digests, newsletters and notices reach nobody.
admin-mail-test-to = to { $address }
admin-mail-test = Send a test mail to me
admin-mail-done-tested = The test mail is on its way to { $address }.
admin-mail-done-resumed = Mail to this person goes out again.
admin-mail-ledger = Deliveries of the last 30 days
admin-mail-state = State
admin-mail-count = Count
admin-mail-nothing = Nothing.
admin-mail-paused = Paused recipients
admin-mail-paused-explained = { $count ->
    [one] After a permanent refusal by the mail server, mail to a person pauses until it is resumed here (for instance once their address is corrected in the directory).
   *[other] After { $count } permanent refusals in a row by the mail server, mail to a person pauses until it is resumed here (for instance once their address is corrected in the directory).
}
admin-mail-nobody-paused = Nobody is paused.
admin-mail-person = Person
admin-mail-failures = Refusals
admin-mail-error = Error
admin-mail-since = Time
admin-mail-resume = Resume
admin-mail-problems = Latest problems
admin-mail-kind = Type
admin-mail-kind-digest = Digest
admin-mail-kind-newsletter = Newsletter
admin-mail-attempts = Attempts
mail-state-claimed = claimed
mail-state-sending = being handed over
mail-state-sent = delivered
mail-state-empty = nothing new
mail-state-failed = failed for now
mail-state-refused = refused
mail-state-uncertain = uncertain (hand-off cut off)

## Digest settings
settings-digest = Digest by mail
settings-digest-no-email = There is no mail address for you (it comes from the directory), so you get no mail, whatever you choose here.
settings-digest-how-often = How often
settings-digest-off = Never
settings-digest-daily = Daily
settings-digest-weekly = Weekly
settings-digest-weekday = Day of the week (weekly)
settings-digest-hour = Time ({ $timezone })
settings-digest-communities = Communities
settings-digest-mute = Leave { $community } out of the digest
settings-newsletters = Newsletters
settings-newsletter-get = Get the newsletter of { $community }
settings-digest-preview = See my next digest
digest-preview-title = My next digest
digest-preview-empty = Nothing new since the last digest: this one would not be sent.
digest-preview-html = See it as the HTML mail
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

field-from = From
field-to = To
field-table = Table
invalid-after-to = { $field } lies after the end of the period.
invalid-in-the-future = { $field } lies in the future.
invalid-period-too-long = The period is longer than three years.

nav-kpis = Organization health
kpi-title = Community health
kpi-title-organization = Health of the whole organization
kpi-link = Community health (KPIs)
kpi-privacy = Figures describe groups of at least { $min } people; where fewer are behind a figure, or fewer would be left out, it is withheld. No figure shows what one person did.
kpi-from = From
kpi-to = To
kpi-show = Show
kpi-presets = Periods
kpi-preset-last-30-days = Last 30 days
kpi-preset-this-quarter = This quarter
kpi-preset-last-quarter = Last quarter
kpi-preset-last-12-months = Last 12 months
kpi-figures = Figures, beside the period before
kpi-csv = Download as CSV
kpi-figure = Figure
kpi-change = Change
kpi-change-points = { $change } points
kpi-weeks = Week by week
kpi-week-from = Week from
kpi-withheld = withheld
kpi-withheld-long = Fewer than { $min } people are behind this figure, or would be left out of it.
kpi-some-withheld = weeks with too few people have no bar
kpi-chart-data = the figures as a table
kpi-chart-desc = Bars for { $weeks } weeks; the scale goes up to { $max }.
kpi-chart-members = Members
kpi-chart-posts = Posts
kpi-chart-comments = Comments
kpi-chart-reactions = Reactions
kpi-chart-tasks = Tasks done
kpi-members = Members at the end
kpi-joins = Joined
kpi-leaves = Left
kpi-active_members = Active members (posted, commented, reacted, voted or asked)
kpi-active_share = Share of members active
kpi-posts_per_week = Posts per week
kpi-comments_per_week = Comments per week
kpi-reactions_per_week = Reactions per week
kpi-questions = Questions asked
kpi-answered_share = Share of questions answered
kpi-hours_to_first_answer = Median hours to the first answer (Q&A and AMA)
kpi-hours_to_accepted_answer = Median hours to the accepted answer
kpi-ama_participants = People who asked or voted in AMAs
kpi-tasks_done_per_week = Tasks done per week
kpi-overdue_share = Share of open tasks overdue at the end
kpi-days_since_status_report = Days since the last status report
kpi-reports = Reports to moderators
kpi-hours_to_handle_report = Median hours to handle a report
kpi-mail_reach = People reached by mail (digests, newsletters)
kpi-unsubscribed = People who unsubscribed

former-employee = Former employee
export-title = My data
export-intro = Everything Allmende keeps about you, to read or to take away.
export-show = Show my data
export-download = Download as JSON
export-generated = As of { $at } (UTC).
export-profile = Profile
export-source = Comes from
export-memberships = Memberships
export-posts = Posts and questions
export-comments = Comments and answers
export-ama-questions = Questions asked in AMAs
export-anonymous = asked anonymously
export-activity = Reactions, votes and notifications
export-reactions = { $count } reactions
export-votes = { $count } votes on posts, answers and AMA questions
export-polls = took part in { $count } polls (in anonymous polls no choice is kept)
export-notifications = { $count } notifications
export-tasks = Tasks created by or assigned to you
export-settings = Settings
export-digest = Digest
export-digest-muted = Left out of the digest
export-newsletter-declined = Newsletter declined
export-topic = Followed topic
export-token = API token
privacy-title = Privacy
privacy-intro = What Allmende keeps about the people who use it, for how long, and who sees it. This page is made from the settings in force.
privacy-what = What is kept
privacy-data = Data
privacy-kept = Kept
privacy-who = Who sees it
privacy-profile = Name, user name, mail address, title, department, phone
privacy-from-directory = (from the company directory)
privacy-until-departure = while you work here, and { $days } days after you leave
privacy-who-everyone = everyone signed in (mail address and phone: as the directory shows them)
privacy-content = Posts, comments, answers, reactions, votes
privacy-content-kept = kept after you leave, shown as by a former employee
privacy-content-deleted = deleted { $days } days after you leave
privacy-who-community = the members of the community (public communities: everyone signed in)
privacy-memberships = Memberships and roles
privacy-settings = Settings, notifications, followed topics
privacy-who-you = you
privacy-mail = Which digests and newsletters were sent to you
privacy-who-admins = administrators
privacy-kpis = Community health figures
privacy-kpis-kept = counts per day, without names
privacy-who-managers = community managers and administrators, only for groups of at least { $min } people
privacy-audit = Audit log of administrative actions
privacy-audit-kept = kept; your name is removed when your data is
privacy-no-ranking = Without an administrator's recorded permission (below), no page, export or interface shows how active a single person is: no rankings, no "top contributors", no list of who did not take part. Figures describe groups of at least { $min } people.
privacy-newsletter-opt-out = You can unsubscribe from department newsletters and digests with one click in each mail or in your settings.
privacy-rights = You can see and download all your data at any time; to have it removed earlier, ask an administrator.

action-search = Search
admin-people = People
admin-people-search = Name, user name or mail
admin-people-found = { $count } people (at most 100)
admin-people-source = Comes from
admin-people-source-local = local account
admin-people-source-directory = company directory
admin-people-state = Account and rights
admin-people-active = active
admin-people-inactive = deactivated
admin-people-anonymised = personal data removed
admin-people-by-admin = by an administrator (the directory sync leaves this alone)
admin-people-admin = Admin
admin-people-saved = Saved.
admin-people-deactivate = Deactivate (closes the account at once)
admin-people-reactivate = Reactivate
admin-people-grant-admin = Make administrator
admin-people-revoke-admin = Withdraw administrator rights
admin-people-locks = Fields the directory sync leaves alone
admin-people-locks-explained = A locked field keeps what was set here even when the directory says otherwise.
admin-people-field-display_name = Name
admin-people-field-email = Mail address
admin-people-field-title = Title
admin-people-field-phone = Phone
admin-people-field-manager = Manager
admin-people-field-departments = Departments
admin-people-erase = Remove personal data now
admin-people-erase-explained = Name, user name, mail, title, phone, settings, memberships, notifications and mail records are removed now instead of after the retention; what the person wrote stays as by a former employee (or is deleted, as the configuration says). This cannot be undone.
admin-people-audit = What the audit log says about them
admin-audit = Audit log
admin-audit-actor = Who (name or user name)
admin-audit-action = What it was about
admin-audit-topic-all = Everything
admin-audit-topic-person = People and accounts
admin-audit-topic-community = Communities and memberships
admin-audit-topic-moderation = Moderation
admin-audit-topic-post = Posts
admin-audit-topic-comment = Comments
admin-audit-topic-ama = AMAs
admin-audit-topic-poll = Polls
admin-audit-topic-task = Tasks
admin-audit-topic-status = Status reports
admin-audit-topic-newsletter = Newsletters
admin-audit-topic-mail = Mail delivery
admin-audit-topic-settings = Settings
admin-audit-topic-sync = Directory sync
admin-audit-topic-job = Background jobs
admin-audit-topic-session = Sign-ins
admin-audit-topic-token = API tokens
admin-audit-object = Concerning (user name, community short name)
admin-audit-at = When
admin-audit-details = Details
admin-audit-shown = the newest { $count } are shown; the CSV holds all that match
admin-audit-what = What happened
admin-audit-codes = Technical
audit-nobody = The system
audit-quoted = “{ $title }”
audit-ama-create = { $actor } scheduled the AMA { $object }.
audit-ama-update = { $actor } changed the AMA { $object }.
audit-ama-close = { $actor } closed the AMA { $object }.
audit-ama-question-approve = { $actor } approved a question in the AMA { $object }.
audit-ama-question-reject = { $actor } rejected a question in the AMA { $object }.
audit-ama-question-merge = { $actor } merged a question in the AMA { $object } into an equal one.
audit-ama-question-hide = { $actor } hid a question in the AMA { $object }.
audit-ama-question-pin = { $actor } pinned a question in the AMA { $object }.
audit-ama-question-unpin = { $actor } unpinned a question in the AMA { $object }.
audit-comment-delete = { $actor } deleted a comment on { $object }.
audit-community-create = { $actor } created the community { $object }.
audit-community-update = { $actor } changed the settings of { $object }.
audit-community-archive = { $actor } archived { $object }.
audit-community-reopen = { $actor } reopened { $object }.
audit-community-join = { $actor } joined { $object }.
audit-community-request = { $actor } asked to join { $object }.
audit-community-leave = { $actor } left { $object }.
audit-community-approve = { $actor } let { $person } into { $object }.
audit-community-invite = { $actor } invited { $person } to { $object }.
audit-community-remove = { $actor } removed { $person } from { $object }.
audit-community-ban = { $actor } banned { $person } from { $object }.
audit-community-unban = { $actor } lifted the ban of { $person } from { $object }.
audit-community-transfer = { $actor } handed { $object } over to { $person }.
audit-community-role = { $actor } gave { $person } the role “{ $role }” in { $object }.
audit-community-person-figures-on = { $actor } allowed figures about single people for { $object }.
audit-community-person-figures-off = { $actor } switched off figures about single people for { $object }.
audit-job-run = { $actor } started “{ $object }” by hand.
audit-mail-resume = { $actor } resumed mail to { $object }.
audit-moderation-dismiss = { $actor } dismissed the reports about { $object } in { $community }.
audit-moderation-hide = { $actor } hid { $object } in { $community }.
audit-moderation-delete = { $actor } deleted { $object } in { $community }.
audit-moderation-warn = { $actor } warned { $person } about { $object } in { $community }.
audit-moderation-ban = { $actor } banned { $person } from { $community } for { $object }.
audit-moderation-auto-hide = { $object } in { $community } was hidden by itself after { $reports ->
    [one] one report
   *[other] { $reports } reports
}.
audit-newsletter-create = { $actor } drafted the newsletter { $object }.
audit-newsletter-edit = { $actor } edited the newsletter { $object }.
audit-newsletter-delete = { $actor } deleted the newsletter draft { $object }.
audit-newsletter-schedule = { $actor } sent off the newsletter { $object }.
audit-person-create = { $actor } created the account of { $object }.
audit-person-deactivate = { $actor } deactivated { $object }.
audit-person-reactivate = { $actor } reactivated { $object }.
audit-person-admin-grant = { $actor } made { $object } an administrator.
audit-person-admin-revoke = { $actor } took administration from { $object }.
audit-person-locks = { $actor } chose which details of { $object } the directory no longer overwrites.
audit-person-anonymised = { $actor } removed the data of { $object }.
audit-poll-edit = { $actor } edited the poll { $object }.
audit-poll-close = { $actor } closed the poll { $object }.
audit-post-delete = { $actor } deleted the post { $object }.
audit-session-sign-in = { $actor } signed in.
audit-settings-change = { $actor } changed “{ $object }” from { $from } to { $to }.
audit-settings-reset = { $actor } reset “{ $object }” to the configuration file's value ({ $to }).
audit-status-report = { $actor } reported the status of { $object }: { $overall }.
audit-sync-run-now = { $actor } started the directory sync by hand.
audit-sync-dry-run-now = { $actor } started a dry run of the directory sync.
audit-task-delete = { $actor } deleted the task { $object }.
audit-token-create = { $actor } created the API key “{ $label }”.
admin-audit-none = No entries.
error-still-active = Deactivate the person first.
error-already-anonymised = This person's personal data has already been removed.
error-not-yourself = You cannot do that to yourself.

admin-jobs = Jobs
admin-jobs-explained = What Allmende does by itself, regularly. With several servers, only one takes each run; times are in your time zone.
admin-jobs-job = Job
admin-jobs-schedule = When
admin-jobs-next = Next run
admin-jobs-last = Last run
admin-jobs-lease = Running on
admin-jobs-failed = failed
admin-jobs-ok = done
admin-jobs-running = running now
schedule-every-minute = every minute
schedule-every-minutes = every { $count } minutes
schedule-hourly = hourly at :{ $minute }
schedule-daily = daily at { $time }
admin-jobs-run = Run now
admin-job-directory-sync = Directory sync
admin-job-task-reminders = Task reminders
admin-job-ama-schedule = AMA windows
admin-job-kpi-days = Community health: daily totals
admin-job-departures = Departures: personal data removed once kept long enough
admin-job-mail = Digests and newsletters
admin-directory-dry-run = Show what a sync would change now
admin-directory-run = Sync now
error-no-directory = No directory is configured.
admin-communities = Communities
admin-communities-search = Name
admin-communities-kind = Type
admin-communities-members = Members
admin-communities-managers = Managers
admin-communities-actions = Actions
admin-communities-archived = archived
admin-communities-archive = Archive
admin-communities-reopen = Reopen
admin-communities-new-manager = New manager (name, user name or mail address)
admin-communities-transfer = Hand over

# Settings that may change at run time (/admin/settings)
admin-settings = Settings
admin-settings-explained = These settings take effect without a restart: at once on this server, within { $seconds } seconds on all others. Everything else (connections, schedules, the mail pace) is set in the configuration file. Every change is recorded in the audit log.
admin-settings-setting = Setting
admin-settings-value = Current value
admin-settings-file = In the configuration file
admin-settings-changed = Last changed
admin-settings-reset = Back to the file's value
admin-settings-on = yes
admin-settings-off = no
admin-settings-refused = This value for “{ $setting }” is not allowed; see the rule below the setting.
setting-choice-everyone = everyone
setting-choice-admins = administrators only
setting-choice-keep = keep (shown as by a former employee)
setting-choice-delete = delete
setting-communities-create-project = Who may create project communities
setting-communities-create-project-hint = Everyone, or administrators only.
setting-communities-create-interest = Who may create interest communities
setting-communities-create-interest-hint = Everyone, or administrators only.
setting-communities-auto-hide-reports = Reports that hide a post
setting-communities-auto-hide-reports-hint = A post or comment this many people reported is hidden until a moderator decides; 0: never.
setting-auth-max-failures-per-account = Failed sign-ins per account
setting-auth-max-failures-per-account-hint = Within the window below; at least 1.
setting-auth-max-failures-per-address = Failed sign-ins per client address
setting-auth-max-failures-per-address-hint = Within the window below; at least 1.
setting-auth-throttle-window-minutes = Sign-in throttling window (minutes)
setting-auth-throttle-window-minutes-hint = How long failed sign-ins count.
setting-ldap-max-deactivate-fraction = Directory sync brake
setting-ldap-max-deactivate-fraction-hint = A sync that would deactivate more than this share of active people (in percent) changes nothing.
setting-mail-pause-after-failures = Refusals before mail pauses
setting-mail-pause-after-failures-hint = Permanent refusals in a row after which a person's mail pauses; at least 1.
setting-mail-newsletter-opt-out = People may unsubscribe from department newsletters
setting-mail-newsletter-opt-out-hint = No: department newsletters are official mail that members receive.
setting-status-stale-after-days = Days until a status report is stale
setting-status-stale-after-days-hint = In the status roll-up; at least 1.
setting-kpi-min-group = Smallest group in community figures
setting-kpi-min-group-hint = Figures about people are shown only for groups at least this large; 5 or more (may be raised, never lowered below 5).
setting-privacy-retention-days = Days until a departed person's data is removed
setting-privacy-retention-days-hint = Counted from their deactivation; at least 1.
setting-privacy-departed-content = Posts of departed people
setting-privacy-departed-content-hint = Kept under “former employee”, or deleted when their data is removed.
privacy-person-figures = { $count ->
    [0] No community has per-person figures.
    [one] An administrator may allow per-person figures for a community, with a reason: the posts, comments and reactions of those who took part, by name and not ranked, for its managers. The community's page says so, and why, to everyone who can see it. One community has them now.
   *[other] An administrator may allow per-person figures for a community, with a reason: the posts, comments and reactions of those who took part, by name and not ranked, for its managers. The community's page says so, and why, to everyone who can see it. { $count } communities have them now.
}
person-figures-on = Per-person figures are on in this community: its managers see the posts, comments and reactions of those who take part, by name. Allowed by { $who },
kpi-contributors = Contributions by person
kpi-contributors-explained = An administrator ({ $who }) allowed per-person figures for this community. Listed by name, not ranked; only who took part in the period. The reason:
admin-communities-person-figures-on = Per-person figures allowed
admin-communities-person-figures-reason = Reason for per-person figures
admin-communities-person-figures-allow = Allow
admin-communities-person-figures-withdraw = Withdraw per-person figures
error-person-figures-off = Per-person figures are not allowed for this community.

# Times as people say them (web/when.rs)
time-just-now = just now
time-minutes-ago = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
time-in-minutes = { $count ->
    [one] in 1 minute
   *[other] in { $count } minutes
}
time-hours-ago = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
time-today-at = today at { $time }
time-yesterday-at = yesterday at { $time }
time-tomorrow-at = tomorrow at { $time }
time-weekday-at = { $day } at { $time }

# The header of every page
nav-menu = Menu
nav-work = My work
shell-search-placeholder = Search …
shell-search-everywhere = Search everywhere
shell-notifications = { $count ->
    [0] Notifications
    [one] Notifications, 1 unread
   *[other] Notifications, { $count } unread
}
shell-account = Account of { $name }
shell-profile = My profile

# The administration overview (/admin)
admin-attention = Needs attention
admin-attention-calm = All is well: no aborted sync, no open reports, no paused mail, no failed job.
admin-attention-mail-off = No mail is sent (mail.transport is "none"): digests, newsletters and notices reach nobody.
admin-attention-sync = The last directory sync was aborted; nothing was changed.
admin-attention-sync-open = See why
admin-attention-reports = { $count ->
    [one] 1 report is waiting for a decision
   *[other] { $count } reports are waiting for a decision
}
admin-attention-mail = { $count ->
    [one] Mail to 1 person is paused
   *[other] Mail to { $count } people is paused
}
admin-attention-jobs = { $count ->
    [one] 1 job failed on its last run
   *[other] { $count } jobs failed on their last run
}
admin-areas = Areas
admin-area-people = Find and deactivate accounts, handle departures
admin-area-directory = Sync with the company directory and its runs
admin-area-communities = All communities, hand over management, archive
admin-area-reports = Reported content of all communities
admin-area-mail = Delivery, paused recipients, test mail
admin-area-jobs = Scheduled jobs and their last run
admin-area-audit = Who changed what, and when
admin-area-settings = Settings that may change while running
admin-area-kpis = Figures of the whole organization

## Confirmations: the question before a far-reaching action
confirm-cancel = Cancel
confirm-lasting = This cannot be undone.
confirm-post-delete = Delete this post?
confirm-post-delete-own = Your post “{ $title }” { $comments ->
    [0] will be deleted.
    [one] and its comment will be deleted.
   *[other] and its { $comments } comments will be deleted.
}
confirm-post-delete-other = The post “{ $title }” by { $author } { $comments ->
    [0] will be deleted.
    [one] and its comment will be deleted.
   *[other] and its { $comments } comments will be deleted.
}
confirm-comment-delete = Delete this comment?
confirm-comment-delete-own = Your comment will disappear from the conversation.
confirm-comment-delete-other = { $author }’s comment will disappear from the conversation.
confirm-task-delete = Delete this task?
confirm-task-delete-what = “{ $title }” will disappear from the board and from everyone’s task lists.
confirm-leave = Leave { $community }?
confirm-leave-open = You will no longer get its posts. You can join again at any time.
confirm-leave-request = You will no longer get its posts. To come back, you will have to ask to join again.
confirm-leave-invite = You will no longer get its posts. You can only come back with a new invitation.
confirm-remove = Remove { $name } from { $community }?
confirm-remove-what = { $name } will no longer see what is for members only or get its posts. What { $name } wrote stays.
confirm-ban = Ban { $name } from { $community }?
confirm-ban-what = { $name } will be removed and cannot join again until a manager lifts the ban.
confirm-deactivate = Deactivate { $name }’s account?
confirm-deactivate-what = They are signed out at once and can no longer sign in; their API tokens stop working. What they wrote stays. After { $days } days their personal data is removed; until then you can reactivate the account.
admin-people-deactivate-short = Deactivate
confirm-anonymise = Remove { $name }’s personal data?
confirm-archive = Archive { $community }?
confirm-archive-what = { $members ->
    [one] Its member can still read,
   *[other] Its { $members } members can still read,
} but nobody can post, comment or join. You can reopen it at any time.
confirm-ama-close = End “{ $title }” now?
confirm-ama-close-what = After that nobody can ask, vote or answer. { $unanswered ->
    [0] Every question has an answer.
    [one] One question stays unanswered.
   *[other] { $unanswered } questions stay unanswered.
}
confirm-poll-close = End the poll “{ $question }”?
confirm-poll-close-what = { $voters ->
    [0] Nobody has voted yet.
    [one] One person has voted.
   *[other] { $voters } people have voted.
} After that no more votes count and the result is final.
confirm-newsletter-send = Send to { $count ->
    [one] one member
   *[other] { $count } members
} of { $community }?
confirm-newsletter-send-what = The newsletter goes out at once, to every member once. People who paused their mail or unsubscribed are not counted.
newsletter-send-to = { $count ->
    [one] Send to one member
   *[other] Send to { $count } members
}

## People fields: a name, a user name, a mail address or a department
pick-which = Whom do you mean by “{ $typed }”?
pick-nobody = We find nobody for “{ $typed }”.
pick-nobody-hint = Try the name, the user name, the mail address or the department.
invalid-choose-person = { $field }: Several people match. Please choose below whom you mean.

## A community's header: its parts as tabs and the managers' menu
community-parts = Parts of { $community }
tab-blog = Blog
tab-qa = Questions
tab-amas = AMAs
tab-tasks = Tasks
tab-status = Status
tab-polls = Polls
tab-meetings = Meetings
tab-newsletters = Newsletter
manage-menu = Manage
manage-settings = Settings
manage-members = Members
manage-reports = Reports
manage-kpis = Figures
standing-manager = You run this community
standing-moderator = You moderate
standing-member = Member

## Posts in a list
post-in = in
post-fresh = New
post-continue = Continue reading
post-comment-link = { $count ->
    [0] Comment
    [one] 1 comment
   *[other] { $count } comments
}
home-announcements = Announcements
home-fresh = { $count ->
    [one] One new post since your last visit
   *[other] { $count } new posts since your last visit
}

## Time zones by region
zone-region-usual = Often chosen
zone-region-Europe = Europe
zone-region-America = America
zone-region-Asia = Asia
zone-region-Africa = Africa
zone-region-Australia = Australia
zone-region-Pacific = Pacific
zone-region-Atlantic = Atlantic
zone-region-Indian = Indian Ocean
zone-region-Antarctica = Antarctica

## Writing: preview, formatting help, mentions
editor-hint = Markdown works: **bold**, _italic_, lists, links. @ mentions someone, # files the post under a topic.
editor-preview = Preview
editor-help = Formatting help
editor-help-type = You type
editor-help-get = You get
editor-help-link = link text
editor-help-item = list item
editor-help-quote = quote
editor-help-quote-is = an indented quote
editor-help-name = jneumann
editor-help-mention = mentions the person, who is notified (after the @ we suggest names as you type)
editor-help-topic = onboarding
editor-help-topic-is = files the post under the topic
editor-mentions = Suggestions for the mention
post-publish = Publish
post-save-changes = Save changes
admin-communities-no-manager = no manager
admin-attention-unmanaged = { $count ->
    [one] One community has no manager: nobody approves requests or moderates there.
   *[other] { $count } communities have no manager: nobody approves requests or moderates there.
}
community-done-joined = Welcome! You are a member now; new posts appear on your start page.
community-done-requested = Your request is with the managers. You will hear as soon as they decide.
