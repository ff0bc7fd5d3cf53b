-- Personal digests: each person's choice, muted communities, and the delivery ledger.
-- Kept in step with migrations/postgres.
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

-- The delivery ledger: one row per person and scheduled slot, claimed before sending and
-- marked sent (or empty: nothing new) or failed after; the unique key makes a second send of
-- one digest impossible, and the next digest starts where the last sent one ended.
CREATE TABLE digest_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    slot TIMESTAMP NOT NULL,
    period_start TIMESTAMP NOT NULL,
    period_end TIMESTAMP NOT NULL,
    -- claimed, sent, empty or failed
    state TEXT NOT NULL,
    claimed_until TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (person_id, slot)
);
