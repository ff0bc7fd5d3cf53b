DROP INDEX posts_activity;
DROP INDEX posts_community_activity;
ALTER TABLE posts DROP COLUMN last_activity_at;
