// Written by hand for both backends: ids are BigInt everywhere (SQLite's INTEGER reads as i64).

diesel::table! {
    departments (id) {
        id -> BigInt,
        name -> Text,
        head_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        external_key -> Nullable<Text>,
    }
}

diesel::table! {
    people (id) {
        id -> BigInt,
        uid -> Text,
        display_name -> Text,
        email -> Nullable<Text>,
        title -> Nullable<Text>,
        department_id -> Nullable<BigInt>,
        manager_id -> Nullable<BigInt>,
        active -> Bool,
        locale -> Nullable<Text>,
        timezone -> Nullable<Text>,
        is_admin -> Bool,
        password_hash -> Nullable<Text>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        external_id -> Nullable<Text>,
        dn -> Nullable<Text>,
        phone -> Nullable<Text>,
        employee_number -> Nullable<Text>,
        source -> Text,
        deactivated_by_admin -> Bool,
        locked_fields -> Text,
        directory_hash -> Nullable<Text>,
        deactivated_at -> Nullable<Timestamp>,
        anonymised_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    communities (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        name_key -> Text,
        kind -> Text,
        description -> Text,
        visibility -> Text,
        join_policy -> Text,
        archived -> Bool,
        department_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        code_of_conduct -> Text,
        member_count -> BigInt,
        modules -> Text,
        reports_to_department_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    memberships (id) {
        id -> BigInt,
        community_id -> BigInt,
        person_id -> BigInt,
        role -> Text,
        state -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        from_directory -> Bool,
    }
}

diesel::table! {
    posts (id) {
        id -> BigInt,
        community_id -> BigInt,
        author_id -> Nullable<BigInt>,
        title -> Text,
        body -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        body_html -> Text,
        pinned -> Bool,
        announcement -> Bool,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        deleted_by -> Nullable<BigInt>,
        hidden_at -> Nullable<Timestamp>,
        hidden_by -> Nullable<BigInt>,
        last_activity_at -> Timestamp,
        kind -> Text,
        votes -> BigInt,
        accepted_comment_id -> Nullable<BigInt>,
        first_answer_at -> Nullable<Timestamp>,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    comments (id) {
        id -> BigInt,
        post_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        author_id -> Nullable<BigInt>,
        body -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        deleted_by -> Nullable<BigInt>,
        hidden_at -> Nullable<Timestamp>,
        hidden_by -> Nullable<BigInt>,
        votes -> BigInt,
    }
}

diesel::table! {
    reports (id) {
        id -> BigInt,
        community_id -> BigInt,
        target_type -> Text,
        target_id -> BigInt,
        post_id -> BigInt,
        reporter_id -> Nullable<BigInt>,
        reason -> Text,
        note -> Text,
        created_at -> Timestamp,
        decision -> Nullable<Text>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        decision_reason -> Nullable<Text>,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        person_id -> BigInt,
        kind -> Text,
        actor_id -> Nullable<BigInt>,
        post_id -> Nullable<BigInt>,
        comment_id -> Nullable<BigInt>,
        detail -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        community_id -> Nullable<BigInt>,
        task_id -> Nullable<BigInt>,
        ama_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    notification_mutes (person_id, kind) {
        person_id -> BigInt,
        kind -> Text,
    }
}

diesel::table! {
    search_documents (id) {
        id -> BigInt,
        kind -> Text,
        ref_id -> BigInt,
        community_id -> BigInt,
        post_id -> Nullable<BigInt>,
        title -> Text,
        body -> Text,
        title_stems -> Text,
        body_stems -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    post_topics (post_id, topic) {
        post_id -> BigInt,
        topic -> Text,
    }
}

diesel::table! {
    topic_follows (person_id, topic) {
        person_id -> BigInt,
        topic -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reactions (target_type, target_id, person_id) {
        target_type -> Text,
        target_id -> BigInt,
        person_id -> BigInt,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        person_id -> BigInt,
        token_hash -> Text,
        label -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_id -> Nullable<BigInt>,
        action -> Text,
        object_type -> Text,
        object_id -> Text,
        details -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> BigInt,
        account -> Text,
        address -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    person_departments (person_id, department_id) {
        person_id -> BigInt,
        department_id -> BigInt,
    }
}

diesel::table! {
    directory_sync_runs (id) {
        id -> BigInt,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        status -> Text,
        started_by -> Text,
        forced -> Bool,
        reason -> Nullable<Text>,
        entries_read -> BigInt,
        skipped -> BigInt,
        created -> BigInt,
        updated -> BigInt,
        moved -> BigInt,
        deactivated -> BigInt,
        reactivated -> BigInt,
        unchanged -> BigInt,
        departments_created -> BigInt,
        communities_created -> BigInt,
        changes -> Text,
    }
}

diesel::table! {
    job_leases (name) {
        name -> Text,
        holder -> Text,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    tasks (id) {
        id -> BigInt,
        community_id -> BigInt,
        title -> Text,
        description -> Text,
        description_html -> Text,
        status -> Text,
        priority -> Text,
        due_on -> Nullable<Date>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        reminded_for -> Nullable<Date>,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    task_assignees (task_id, person_id) {
        task_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    task_checklist_items (id) {
        id -> BigInt,
        task_id -> BigInt,
        position -> Integer,
        text -> Text,
        done -> Bool,
    }
}

diesel::table! {
    task_comments (id) {
        id -> BigInt,
        task_id -> BigInt,
        author_id -> Nullable<BigInt>,
        body -> Text,
        body_html -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    task_events (id) {
        id -> BigInt,
        task_id -> BigInt,
        actor_id -> Nullable<BigInt>,
        field -> Text,
        old_value -> Text,
        new_value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    status_reports (id) {
        id -> BigInt,
        community_id -> BigInt,
        author_id -> Nullable<BigInt>,
        overall -> Text,
        summary -> Text,
        achievements -> Text,
        next_steps -> Text,
        risks -> Text,
        help_needed -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    status_report_areas (report_id, area) {
        report_id -> BigInt,
        area -> Text,
        status -> Text,
    }
}

diesel::table! {
    polls (id) {
        id -> BigInt,
        community_id -> BigInt,
        author_id -> Nullable<BigInt>,
        question -> Text,
        multiple -> Bool,
        anonymous -> Bool,
        results_before_close -> Bool,
        closes_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    poll_options (id) {
        id -> BigInt,
        poll_id -> BigInt,
        position -> Integer,
        text -> Text,
        anonymous_votes -> BigInt,
    }
}

diesel::table! {
    poll_voters (poll_id, person_id) {
        poll_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    poll_votes (poll_id, option_id, person_id) {
        poll_id -> BigInt,
        option_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    meetings (id) {
        id -> BigInt,
        community_id -> BigInt,
        organizer_id -> Nullable<BigInt>,
        title -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        time_zone -> Text,
        place -> Text,
        online_url -> Nullable<Text>,
        agenda -> Text,
        minutes -> Text,
        sequence -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_suggestions (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        author_id -> Nullable<BigInt>,
        text -> Text,
        created_at -> Timestamp,
        added_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    meeting_rsvps (meeting_id, person_id) {
        meeting_id -> BigInt,
        person_id -> BigInt,
        answer -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_outcomes (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        kind -> Text,
        text -> Text,
        assignee_id -> Nullable<BigInt>,
        due_on -> Nullable<Date>,
        task_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    calendar_feeds (person_id, community_id) {
        person_id -> BigInt,
        community_id -> BigInt,
        generation -> Integer,
    }
}

diesel::table! {
    amas (id) {
        id -> BigInt,
        community_id -> BigInt,
        created_by -> Nullable<BigInt>,
        title -> Text,
        description -> Text,
        description_html -> Text,
        time_zone -> Text,
        opens_at -> Timestamp,
        answering_from -> Timestamp,
        closes_at -> Timestamp,
        audience -> Text,
        anonymous_allowed -> Bool,
        moderated -> Bool,
        announced -> Text,
        summary_post_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ama_hosts (ama_id, person_id) {
        ama_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    ama_questions (id) {
        id -> BigInt,
        ama_id -> BigInt,
        asker_id -> Nullable<BigInt>,
        anonymous -> Bool,
        body -> Text,
        body_html -> Text,
        state -> Text,
        reason -> Text,
        merged_into -> Nullable<BigInt>,
        pinned -> Bool,
        votes -> BigInt,
        answer -> Nullable<Text>,
        answer_html -> Nullable<Text>,
        answered_by -> Nullable<BigInt>,
        answered_at -> Nullable<Timestamp>,
        answer_edited_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ama_comments (id) {
        id -> BigInt,
        question_id -> BigInt,
        author_id -> Nullable<BigInt>,
        body -> Text,
        body_html -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    votes (subject, subject_id, person_id) {
        subject -> Text,
        subject_id -> BigInt,
        person_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mail_preferences (person_id) {
        person_id -> BigInt,
        digest -> Text,
        digest_weekday -> Integer,
        digest_hour -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    digest_mutes (person_id, community_id) {
        person_id -> BigInt,
        community_id -> BigInt,
    }
}

diesel::table! {
    newsletters (id) {
        id -> BigInt,
        community_id -> BigInt,
        author_id -> BigInt,
        subject -> Text,
        body -> Text,
        state -> Text,
        send_at -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    newsletter_opt_outs (person_id, community_id) {
        person_id -> BigInt,
        community_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mail_deliveries (id) {
        id -> BigInt,
        person_id -> BigInt,
        newsletter_id -> Nullable<BigInt>,
        slot -> Timestamp,
        period_start -> Timestamp,
        period_end -> Timestamp,
        state -> Text,
        claimed_until -> Nullable<Timestamp>,
        attempts -> Integer,
        error -> Text,
        sent_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mail_suppressions (person_id) {
        person_id -> BigInt,
        failures -> Integer,
        last_error -> Text,
        paused_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    membership_events (id) {
        id -> BigInt,
        community_id -> BigInt,
        delta -> Integer,
        at -> Timestamp,
    }
}

diesel::table! {
    job_runs (name) {
        name -> Text,
        node -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        outcome -> Text,
    }
}

diesel::table! {
    feed_visits (person_id) {
        person_id -> BigInt,
        seen_until -> Timestamp,
        last_visit_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        person_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    kpi_filled (until) {
        until -> Date,
    }
}

diesel::table! {
    person_figure_permits (community_id) {
        community_id -> BigInt,
        reason -> Text,
        granted_by -> Nullable<BigInt>,
        granted_at -> Timestamp,
    }
}

diesel::table! {
    setting_overrides (key) {
        key -> Text,
        value -> Text,
        changed_by -> Nullable<BigInt>,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    kpi_days (community_id, day) {
        community_id -> BigInt,
        day -> Date,
        members -> BigInt,
        joins -> BigInt,
        leaves -> BigInt,
        posts -> BigInt,
        comments -> BigInt,
        reactions -> BigInt,
        questions -> BigInt,
        tasks_done -> BigInt,
        reports -> BigInt,
    }
}

diesel::joinable!(people -> departments (department_id));
diesel::joinable!(person_figure_permits -> communities (community_id));
diesel::joinable!(person_departments -> people (person_id));
diesel::joinable!(person_departments -> departments (department_id));
diesel::joinable!(memberships -> communities (community_id));
diesel::joinable!(memberships -> people (person_id));
diesel::joinable!(sessions -> people (person_id));
diesel::joinable!(feed_visits -> people (person_id));
diesel::joinable!(posts -> communities (community_id));
diesel::joinable!(tasks -> communities (community_id));
diesel::joinable!(polls -> communities (community_id));
diesel::joinable!(amas -> communities (community_id));
diesel::joinable!(digest_mutes -> communities (community_id));
diesel::joinable!(mail_deliveries -> people (person_id));
diesel::joinable!(mail_deliveries -> newsletters (newsletter_id));
diesel::joinable!(mail_suppressions -> people (person_id));
diesel::joinable!(newsletters -> communities (community_id));
diesel::joinable!(newsletter_opt_outs -> communities (community_id));
diesel::joinable!(ama_hosts -> amas (ama_id));
diesel::joinable!(ama_hosts -> people (person_id));
diesel::joinable!(ama_questions -> amas (ama_id));
diesel::joinable!(ama_comments -> ama_questions (question_id));
diesel::joinable!(meetings -> communities (community_id));
diesel::joinable!(meeting_rsvps -> meetings (meeting_id));
diesel::joinable!(meeting_suggestions -> meetings (meeting_id));
diesel::joinable!(meeting_outcomes -> meetings (meeting_id));
diesel::joinable!(poll_options -> polls (poll_id));
diesel::joinable!(poll_votes -> people (person_id));
diesel::joinable!(status_reports -> communities (community_id));
diesel::joinable!(status_report_areas -> status_reports (report_id));
diesel::joinable!(task_assignees -> tasks (task_id));
diesel::joinable!(task_assignees -> people (person_id));
diesel::joinable!(task_checklist_items -> tasks (task_id));
diesel::joinable!(task_comments -> tasks (task_id));
diesel::joinable!(task_events -> tasks (task_id));
diesel::joinable!(notifications -> communities (community_id));
diesel::joinable!(posts -> people (author_id));
diesel::joinable!(comments -> posts (post_id));
diesel::joinable!(post_topics -> posts (post_id));
diesel::joinable!(api_tokens -> people (person_id));

diesel::allow_tables_to_appear_in_same_query!(
    departments,
    feed_visits,
    people,
    communities,
    memberships,
    posts,
    comments,
    post_topics,
    topic_follows,
    reports,
    notifications,
    notification_mutes,
    search_documents,
    reactions,
    api_tokens,
    audit_log,
    login_attempts,
    person_departments,
    directory_sync_runs,
    job_leases,
    tasks,
    task_assignees,
    task_checklist_items,
    task_comments,
    task_events,
    status_reports,
    status_report_areas,
    polls,
    poll_options,
    poll_voters,
    poll_votes,
    meetings,
    meeting_suggestions,
    meeting_rsvps,
    meeting_outcomes,
    calendar_feeds,
    amas,
    ama_hosts,
    ama_questions,
    ama_comments,
    votes,
    mail_preferences,
    digest_mutes,
    newsletters,
    newsletter_opt_outs,
    mail_deliveries,
    mail_suppressions,
    membership_events,
    kpi_days,
    kpi_filled,
    job_runs,
    setting_overrides,
    person_figure_permits,
    sessions,
);
