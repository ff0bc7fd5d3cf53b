CREATE TABLE notifications_old (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mentioned', 'comment', 'reply', 'report-handled', 'moderated')),
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
    comment_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
INSERT INTO notifications_old (id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at)
    SELECT id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at FROM notifications
    WHERE kind IN ('mentioned', 'comment', 'reply', 'report-handled', 'moderated');
DROP TABLE notifications;
ALTER TABLE notifications_old RENAME TO notifications;
CREATE INDEX notifications_person ON notifications(person_id, created_at);
