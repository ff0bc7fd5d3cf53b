-- The text search vector is stored with each document instead of only indexed: matching then
-- needs no recheck that parses the text again, and ranking reads the stored vector (the load
-- benchmark spent minutes parsing on a word found in every seventh document, BENCHMARKS.md).
DROP INDEX search_documents_text;
ALTER TABLE search_documents ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('german', body), 'B') || setweight(to_tsvector('english', body), 'B')
) STORED;
CREATE INDEX search_documents_document ON search_documents USING GIN (document);
