DROP INDEX votes_created;
DROP INDEX reactions_created;
DROP INDEX comments_created;
DROP INDEX posts_created;
CREATE INDEX posts_created ON posts (created_at);
CREATE INDEX comments_created ON comments (created_at);
CREATE INDEX reactions_created ON reactions (created_at);
