ALTER TABLE communities DROP COLUMN member_count;
