-- Department newsletters, and one delivery ledger for every mail that must go out once
-- (personal digests and newsletter issues). Kept in step with migrations/sqlite.
CREATE TABLE newsletters (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES people(id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    -- draft, scheduled (send_at set), sending, sent
    state TEXT NOT NULL,
    send_at TIMESTAMP,
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX newsletters_community ON newsletters (community_id, created_at);
CREATE INDEX newsletters_due ON newsletters (state, send_at);

-- Who asked not to get a community's newsletter (where mail.newsletter_opt_out allows it).
CREATE TABLE newsletter_opt_outs (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, community_id)
);

-- The ledger: one row per person and digest slot, or per person and newsletter issue.
-- claimed → sending (handed to the relay) → sent / empty / failed (temporary: taken up again)
-- / refused (permanent) / uncertain (the node died during the hand-off: not sent again).
CREATE TABLE mail_deliveries (
    id BIGSERIAL PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    -- NULL for a personal digest
    newsletter_id BIGINT REFERENCES newsletters(id) ON DELETE CASCADE,
    slot TIMESTAMP NOT NULL,
    period_start TIMESTAMP NOT NULL,
    period_end TIMESTAMP NOT NULL,
    state TEXT NOT NULL,
    claimed_until TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
INSERT INTO mail_deliveries (person_id, slot, period_start, period_end, state, claimed_until, attempts, error, sent_at, created_at)
    SELECT person_id, slot, period_start, period_end, state, claimed_until, attempts, error, sent_at, created_at
    FROM digest_deliveries;
DROP TABLE digest_deliveries;
CREATE UNIQUE INDEX mail_deliveries_digest ON mail_deliveries (person_id, slot) WHERE newsletter_id IS NULL;
CREATE UNIQUE INDEX mail_deliveries_newsletter ON mail_deliveries (newsletter_id, person_id) WHERE newsletter_id IS NOT NULL;
CREATE INDEX mail_deliveries_state ON mail_deliveries (state, created_at);

-- Permanent refusals in a row per person; at mail.pause_after_failures their mail pauses
-- until an administrator resumes it (or a delivery succeeds).
CREATE TABLE mail_suppressions (
    person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    failures INTEGER NOT NULL,
    last_error TEXT NOT NULL,
    paused_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
