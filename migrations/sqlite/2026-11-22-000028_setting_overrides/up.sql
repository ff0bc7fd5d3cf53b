-- Settings an administrator changed at run time (/admin/settings), over the configuration
-- file's values; every node reads them. Kept in step across backends.
CREATE TABLE setting_overrides (
    key TEXT PRIMARY KEY,
    -- the value as JSON, e.g. 7, true or "admins"
    value TEXT NOT NULL,
    changed_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    changed_at TIMESTAMP NOT NULL
);
