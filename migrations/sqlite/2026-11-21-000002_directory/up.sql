-- The directory sync. Kept in step with migrations/postgres.
ALTER TABLE people ADD COLUMN external_id TEXT;
ALTER TABLE people ADD COLUMN dn TEXT;
ALTER TABLE people ADD COLUMN phone TEXT;
ALTER TABLE people ADD COLUMN employee_number TEXT;
ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'directory'));
-- an admin's deactivation, which the sync never undoes
ALTER TABLE people ADD COLUMN deactivated_by_admin BOOLEAN NOT NULL DEFAULT 0;
-- comma-separated fields the sync must not overwrite
ALTER TABLE people ADD COLUMN locked_fields TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX people_external_id ON people(external_id);

ALTER TABLE departments ADD COLUMN external_key TEXT;
CREATE UNIQUE INDEX departments_external_key ON departments(external_key);

CREATE TABLE person_departments (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    department_id BIGINT NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, department_id)
);
CREATE INDEX person_departments_department ON person_departments(department_id);

-- memberships the sync made (departments, group mappings) and may take back
ALTER TABLE memberships ADD COLUMN from_directory BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE directory_sync_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status TEXT NOT NULL CHECK (status IN ('running', 'applied', 'aborted', 'dry-run')),
    started_by TEXT NOT NULL,
    forced BOOLEAN NOT NULL DEFAULT 0,
    reason TEXT,
    entries_read BIGINT NOT NULL DEFAULT 0,
    skipped BIGINT NOT NULL DEFAULT 0,
    created BIGINT NOT NULL DEFAULT 0,
    updated BIGINT NOT NULL DEFAULT 0,
    moved BIGINT NOT NULL DEFAULT 0,
    deactivated BIGINT NOT NULL DEFAULT 0,
    reactivated BIGINT NOT NULL DEFAULT 0,
    unchanged BIGINT NOT NULL DEFAULT 0,
    departments_created BIGINT NOT NULL DEFAULT 0,
    communities_created BIGINT NOT NULL DEFAULT 0,
    -- JSON list of the first changes, for the admin page
    changes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX directory_sync_runs_started ON directory_sync_runs(started_at);

-- What one run read from the directory, before anything is applied.
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

-- One holder per job across all nodes.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
