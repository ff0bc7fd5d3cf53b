-- Communities where an administrator allowed per-person activity figures, with the reason
-- (shown to the community's members and on the privacy page). Without a row: none anywhere.
-- Kept in step across backends.
CREATE TABLE person_figure_permits (
    community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    granted_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    granted_at TIMESTAMP NOT NULL
);
