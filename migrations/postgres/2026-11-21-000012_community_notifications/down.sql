DELETE FROM notifications WHERE kind NOT IN ('mentioned', 'comment', 'reply', 'report-handled', 'moderated');
ALTER TABLE notifications DROP COLUMN community_id;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('mentioned', 'comment', 'reply', 'report-handled', 'moderated'));
