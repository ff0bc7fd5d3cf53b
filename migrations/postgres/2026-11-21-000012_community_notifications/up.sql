-- Notifications about a community rather than a post (invited, join request, join approved).
-- The list of kinds grows with every module; `NotificationKind` in the code is its one place,
-- so the column no longer carries a CHECK that each module would have to rebuild.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD COLUMN community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE;
