DROP TABLE reactions;
DROP TABLE comments;
ALTER TABLE posts DROP COLUMN deleted_by;
ALTER TABLE posts DROP COLUMN deleted_at;
ALTER TABLE posts DROP COLUMN edited_at;
ALTER TABLE posts DROP COLUMN announcement;
ALTER TABLE posts DROP COLUMN pinned;
ALTER TABLE posts DROP COLUMN body_html;
