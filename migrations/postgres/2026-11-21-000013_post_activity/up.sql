-- The feed shows posts by their latest activity (the post, or its newest comment), kept on the
-- post so that the feed is one indexed range instead of a join over all comments.
ALTER TABLE posts ADD COLUMN last_activity_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE posts SET last_activity_at = COALESCE(
    (SELECT MAX(c.created_at) FROM comments c WHERE c.post_id = posts.id AND c.created_at > posts.created_at),
    posts.created_at);
ALTER TABLE posts ALTER COLUMN last_activity_at DROP DEFAULT;
CREATE INDEX posts_community_activity ON posts(community_id, last_activity_at);
CREATE INDEX posts_activity ON posts(last_activity_at, id);
