ALTER TABLE comments DROP COLUMN hidden_by;
ALTER TABLE comments DROP COLUMN hidden_at;
ALTER TABLE posts DROP COLUMN hidden_by;
ALTER TABLE posts DROP COLUMN hidden_at;
DROP TABLE reports;
