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
    community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE,
    task_id BIGINT REFERENCES tasks(id) ON DELETE CASCADE
);
INSERT INTO notifications_new (id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at, community_id, task_id)
    SELECT id, person_id, kind, actor_id, post_id, comment_id, detail, created_at, read_at, community_id, task_id
    FROM notifications WHERE ama_id IS NULL;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_person ON notifications(person_id, created_at);
ALTER TABLE comments DROP COLUMN votes;
DROP INDEX posts_questions;
ALTER TABLE posts DROP COLUMN accepted_at;
ALTER TABLE posts DROP COLUMN first_answer_at;
ALTER TABLE posts DROP COLUMN accepted_comment_id;
ALTER TABLE posts DROP COLUMN votes;
ALTER TABLE posts DROP COLUMN kind;
DROP TABLE votes;
DROP TABLE ama_comments;
DROP TABLE ama_questions;
DROP TABLE ama_hosts;
DROP TABLE amas;
