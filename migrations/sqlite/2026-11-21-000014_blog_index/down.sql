DROP INDEX posts_community_blog;
CREATE INDEX posts_community_created ON posts(community_id, created_at);
