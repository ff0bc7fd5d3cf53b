-- A community's blog is read pinned first, then newest: an index in that order lets a page be
-- read along it instead of sorting all the community's posts (found with the load benchmark,
-- BENCHMARKS.md).
DROP INDEX posts_community_created;
CREATE INDEX posts_community_blog ON posts(community_id, pinned, created_at, id);
