-- Personal digests: each person's choice, muted communities, and the delivery ledger.
-- Kept in step with migrations/sqlite.
CREATE TABLE mail_preferences (
    person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    -- off, daily or weekly
    digest TEXT NOT NULL,
    -- 1 = Monday … 7 = Sunday (weekly digests)
    digest_weekday INTEGER NOT NULL,
    -- the local hour it goes out, 0 to 23
    digest_hour INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE digest_mutes (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, community_id)
);
