DROP TABLE login_attempts;
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE posts;
DROP TABLE memberships;
DROP TABLE communities;
DROP TABLE people;
DROP TABLE departments;
