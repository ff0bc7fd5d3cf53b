-- The last run of each scheduled job (for the admin's jobs page). Kept in step across backends.
CREATE TABLE job_runs (
    name TEXT PRIMARY KEY,
    node TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    -- what it did, or why it failed
    outcome TEXT NOT NULL DEFAULT ''
);
