-- Notifications about a community rather than a post (invited, join request, join approved).
-- The list of kinds grows with every module; `NotificationKind` in the code is its one place,
-- so the column no longer carries a CHECK (which SQLite can only drop by rebuilding the table).
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
INSERT INTO notifications_new (id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at)
    SELECT id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_person ON notifications(person_id, created_at);
