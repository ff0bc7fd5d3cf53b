DROP INDEX search_documents_document;
ALTER TABLE search_documents DROP COLUMN document;
CREATE INDEX search_documents_text ON search_documents USING GIN ((
    setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('german', body), 'B') || setweight(to_tsvector('english', body), 'B')
));
