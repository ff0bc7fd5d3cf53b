-- AMA threads and Q&A: questions, votes, answers. Kept in step with migrations/sqlite.
CREATE TABLE amas (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    description_html TEXT NOT NULL,
    -- the window, in UTC, and the zone its wall-clock times were given in
    time_zone TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    answering_from TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    -- 'community' or 'organization'
    audience TEXT NOT NULL,
    anonymous_allowed BOOLEAN NOT NULL,
    moderated BOOLEAN NOT NULL,
    -- the last state the schedule announced (its notifications and summary are done)
    announced TEXT NOT NULL,
    summary_post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX amas_community ON amas(community_id, opens_at);
CREATE INDEX amas_announced ON amas(announced, answering_from);

CREATE TABLE ama_hosts (
    ama_id BIGINT NOT NULL REFERENCES amas(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (ama_id, person_id)
);

-- asker_id is kept for anonymous questions too, so that their asker can see and withdraw them
-- and hear when they are answered; no page, API, notification, search or log shows it.
CREATE TABLE ama_questions (
    id BIGSERIAL PRIMARY KEY,
    ama_id BIGINT NOT NULL REFERENCES amas(id) ON DELETE CASCADE,
    asker_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    anonymous BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- pending, published, rejected, hidden or merged
    state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    merged_into BIGINT REFERENCES ama_questions(id) ON DELETE SET NULL,
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    votes BIGINT NOT NULL DEFAULT 0,
    answer TEXT,
    answer_html TEXT,
    answered_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    answered_at TIMESTAMP,
    answer_edited_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
-- the shown questions by votes, pinned first: the order the AMA page reads them in
CREATE INDEX ama_questions_ama ON ama_questions(ama_id, state, pinned DESC, votes DESC, id);

CREATE TABLE ama_comments (
    id BIGSERIAL PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES ama_questions(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ama_comments_question ON ama_comments(question_id, id);

-- Upvotes, one per person and thing: AMA questions, Q&A questions (posts) and answers (comments).
CREATE TABLE votes (
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (subject, subject_id, person_id)
);
CREATE INDEX votes_person ON votes(person_id);

-- Q&A: a post of kind 'question'; its top-level comments are its answers.
ALTER TABLE posts ADD COLUMN kind TEXT NOT NULL DEFAULT 'post';
ALTER TABLE posts ADD COLUMN votes BIGINT NOT NULL DEFAULT 0;
-- no foreign key: comments are only ever deleted softly, and SQLite could not drop the column
ALTER TABLE posts ADD COLUMN accepted_comment_id BIGINT;
ALTER TABLE posts ADD COLUMN first_answer_at TIMESTAMP;
ALTER TABLE posts ADD COLUMN accepted_at TIMESTAMP;
CREATE INDEX posts_questions ON posts(community_id, kind, first_answer_at);
ALTER TABLE comments ADD COLUMN votes BIGINT NOT NULL DEFAULT 0;

ALTER TABLE notifications ADD COLUMN ama_id BIGINT REFERENCES amas(id) ON DELETE CASCADE;
