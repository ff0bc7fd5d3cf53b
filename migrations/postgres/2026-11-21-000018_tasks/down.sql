DELETE FROM notifications WHERE task_id IS NOT NULL;
ALTER TABLE notifications DROP COLUMN task_id;
ALTER TABLE communities DROP COLUMN modules;
DROP TABLE task_events;
DROP TABLE task_comments;
DROP TABLE task_checklist_items;
DROP TABLE task_assignees;
DROP TABLE tasks;
