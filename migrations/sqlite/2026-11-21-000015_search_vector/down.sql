-- PostgreSQL stores its text search vector with each document from here on; SQLite's FTS5
-- index (search_fts) already holds its own. Nothing to change here: the folder keeps the two
-- migration lists in step.
SELECT 1;
