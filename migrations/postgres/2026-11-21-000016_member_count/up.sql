-- Active members per community, kept with the community: counting them on every page cost
-- more than the rest of the home page together at 50,000 employees (BENCHMARKS.md). Every
-- change of memberships recounts the communities it touched (communities::service::recount).
ALTER TABLE communities ADD COLUMN member_count BIGINT NOT NULL DEFAULT 0;
UPDATE communities SET member_count = (
    SELECT COUNT(*) FROM memberships m WHERE m.community_id = communities.id AND m.state = 'active');
