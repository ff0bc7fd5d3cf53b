-- Tasks: the first module a community switches on. Kept in step with migrations/postgres.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- markdown source and its sanitised HTML, rendered when saved
    description TEXT NOT NULL,
    description_html TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'blocked', 'done')),
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    due_on DATE,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    -- the due date whose reminder went out, so each due date is reminded of once
    reminded_for DATE,
    deleted_at TIMESTAMP
);
CREATE INDEX tasks_community ON tasks(community_id, status, due_on);
CREATE INDEX tasks_due ON tasks(due_on) WHERE deleted_at IS NULL AND status <> 'done';

CREATE TABLE task_assignees (
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, person_id)
);
CREATE INDEX task_assignees_person ON task_assignees(person_id);

CREATE TABLE task_checklist_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    done BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX task_checklist_task ON task_checklist_items(task_id, position);

CREATE TABLE task_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX task_comments_task ON task_comments(task_id, created_at);

-- history: who changed what, when (old and new value as shown to people)
CREATE TABLE task_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    field TEXT NOT NULL,
    old_value TEXT NOT NULL DEFAULT '',
    new_value TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX task_events_task ON task_events(task_id, id);

-- which modules a community has switched on besides its blog (space-separated names);
-- project communities start with their project modules
ALTER TABLE communities ADD COLUMN modules TEXT NOT NULL DEFAULT '';
UPDATE communities SET modules = 'tasks' WHERE kind = 'project';

ALTER TABLE notifications ADD COLUMN task_id BIGINT REFERENCES tasks(id) ON DELETE CASCADE;
