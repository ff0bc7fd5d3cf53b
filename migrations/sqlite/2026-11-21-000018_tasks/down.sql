-- SQLite cannot drop a column with a foreign key: the notifications table is rebuilt without it.
CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
    comment_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE
);
INSERT INTO notifications_new (id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at, community_id)
    SELECT id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at, community_id
    FROM notifications WHERE task_id IS NULL;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_person ON notifications(person_id, created_at);
ALTER TABLE communities DROP COLUMN modules;
DROP TABLE task_events;
DROP TABLE task_comments;
DROP TABLE task_checklist_items;
DROP TABLE task_assignees;
DROP TABLE tasks;
