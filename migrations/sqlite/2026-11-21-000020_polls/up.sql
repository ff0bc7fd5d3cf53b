-- Polls. Kept in step with migrations/postgres.
CREATE TABLE polls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    question TEXT NOT NULL,
    multiple BOOLEAN NOT NULL,
    anonymous BOOLEAN NOT NULL,
    results_before_close BOOLEAN NOT NULL,
    closes_at TIMESTAMP,
    -- closed early by its author or a moderator
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);
CREATE INDEX polls_community ON polls(community_id, id);

CREATE TABLE poll_options (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    -- anonymous polls count here and nowhere else: no row links a person to a choice
    anonymous_votes BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX poll_options_poll ON poll_options(poll_id, position);

-- who voted (one vote per person), without what or when
CREATE TABLE poll_voters (
    poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (poll_id, person_id)
);

-- named polls only: who chose what
CREATE TABLE poll_votes (
    poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    option_id BIGINT NOT NULL REFERENCES poll_options(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (poll_id, option_id, person_id)
);
CREATE INDEX poll_votes_person ON poll_votes(person_id);

UPDATE communities SET modules = trim(modules || ' polls') WHERE kind = 'project';
