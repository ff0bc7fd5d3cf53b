-- Status reports of projects, and the department a project belongs to. Kept in step with migrations/postgres.
CREATE TABLE status_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    overall TEXT NOT NULL CHECK (overall IN ('green', 'amber', 'red')),
    -- markdown
    summary TEXT NOT NULL,
    achievements TEXT NOT NULL,
    next_steps TEXT NOT NULL,
    risks TEXT NOT NULL,
    help_needed TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX status_reports_community ON status_reports(community_id, id);

-- per-area status of a report (the areas are configured: schedule, budget, scope, …)
CREATE TABLE status_report_areas (
    report_id BIGINT NOT NULL REFERENCES status_reports(id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('green', 'amber', 'red')),
    PRIMARY KEY (report_id, area)
);

-- the department a project reports to: its roll-up lists the project (department_id stays the
-- department a department community mirrors, one community each)
ALTER TABLE communities ADD COLUMN reports_to_department_id BIGINT REFERENCES departments(id) ON DELETE SET NULL;
CREATE INDEX communities_reports_to ON communities(reports_to_department_id);

UPDATE communities SET modules = trim(modules || ' status') WHERE kind = 'project';
