-- Lists read along an index in their own order instead of sorting everything first (found
-- with the load benchmark, BENCHMARKS.md): a community's blog (pinned first, then newest) and
-- its newest members.
DROP INDEX posts_community_created;
CREATE INDEX posts_community_blog ON posts(community_id, pinned, created_at, id);
DROP INDEX memberships_community_state;
CREATE INDEX memberships_recent ON memberships(community_id, state, created_at);
