DROP INDEX memberships_recent;
CREATE INDEX memberships_community_state ON memberships(community_id, state);
DROP INDEX posts_community_blog;
CREATE INDEX posts_community_created ON posts(community_id, created_at);
