-- In-app notifications. They point at content; what a recipient may read is checked again when
-- they are listed, so a notification never shows what its recipient may not see.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('mentioned', 'comment', 'reply', 'report-handled', 'moderated')),
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
    comment_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    -- e.g. the moderator's decision
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_person ON notifications(person_id, created_at);
