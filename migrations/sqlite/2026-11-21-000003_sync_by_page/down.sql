ALTER TABLE people DROP COLUMN directory_hash;
CREATE TABLE directory_entries (
    run_id BIGINT NOT NULL REFERENCES directory_sync_runs(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    dn TEXT NOT NULL,
    dn_key TEXT NOT NULL,
    uid TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT,
    title TEXT,
    phone TEXT,
    employee_number TEXT,
    -- JSON [{"key": …, "name": …}]
    departments TEXT NOT NULL,
    manager_dn_key TEXT,
    disabled BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, external_id)
);
