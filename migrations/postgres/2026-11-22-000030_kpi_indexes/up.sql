-- Who was active in a period is read from these alone (covering indexes: no table lookups),
-- for the organization and, through the posts' ids, for one community. Kept in step across
-- backends.
DROP INDEX posts_created;
DROP INDEX comments_created;
DROP INDEX reactions_created;
CREATE INDEX posts_created ON posts (created_at, community_id, kind, author_id);
CREATE INDEX comments_created ON comments (created_at, post_id, author_id);
CREATE INDEX reactions_created ON reactions (created_at, target_type, target_id, person_id);
CREATE INDEX votes_created ON votes (created_at, subject, subject_id, person_id);
