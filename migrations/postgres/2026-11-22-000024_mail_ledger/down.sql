CREATE TABLE digest_deliveries (
    id BIGSERIAL PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    slot TIMESTAMP NOT NULL,
    period_start TIMESTAMP NOT NULL,
    period_end TIMESTAMP NOT NULL,
    state TEXT NOT NULL,
    claimed_until TIMESTAMP,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (person_id, slot)
);
INSERT INTO digest_deliveries (person_id, slot, period_start, period_end, state, claimed_until, attempts, error, sent_at, created_at)
    SELECT person_id, slot, period_start, period_end, state, claimed_until, attempts, error, sent_at, created_at
    FROM mail_deliveries WHERE newsletter_id IS NULL;
DROP TABLE mail_suppressions;
DROP TABLE mail_deliveries;
DROP TABLE newsletter_opt_outs;
DROP TABLE newsletters;
