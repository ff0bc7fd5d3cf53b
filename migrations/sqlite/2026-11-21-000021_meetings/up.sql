-- Meetings. Kept in step with migrations/postgres.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    organizer_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    -- UTC; shown and exported in time_zone (IANA name), where the meeting takes place
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT NOT NULL,
    online_url TEXT,
    -- markdown
    agenda TEXT NOT NULL,
    minutes TEXT NOT NULL,
    -- RFC 5545 SEQUENCE: raised with every change calendar programs should pick up
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_community ON meetings(community_id, starts_at);

-- agenda items members suggest; added_at when an organizer took one into the agenda
CREATE TABLE meeting_suggestions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    added_at TIMESTAMP
);
CREATE INDEX meeting_suggestions_meeting ON meeting_suggestions(meeting_id, id);

CREATE TABLE meeting_rsvps (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'maybe')),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

-- decisions and action items of the minutes; an action item made into a task names it
CREATE TABLE meeting_outcomes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('decision', 'action')),
    text TEXT NOT NULL,
    assignee_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    due_on DATE,
    task_id BIGINT REFERENCES tasks(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX meeting_outcomes_meeting ON meeting_outcomes(meeting_id, id);

-- a person's calendar feed of a community: its link is a MAC over person, community and
-- generation (nothing secret is stored); a new link raises the generation
CREATE TABLE calendar_feeds (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    generation INTEGER NOT NULL,
    PRIMARY KEY (person_id, community_id)
);

UPDATE communities SET modules = trim(modules || ' meetings') WHERE kind = 'project';
