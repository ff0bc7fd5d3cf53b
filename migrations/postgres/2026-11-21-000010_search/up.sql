-- Full-text search over posts, comments and communities (see the SQLite migration for the
-- stems columns, which only SQLite's FTS5 uses). PostgreSQL matches title and body in both its german and its
-- english configuration, title weighted above body; the GIN index holds that expression.
CREATE TABLE search_documents (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('post', 'comment', 'community')),
    ref_id BIGINT NOT NULL,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    title_stems TEXT NOT NULL,
    body_stems TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_text ON search_documents USING GIN ((
    setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('german', body), 'B') || setweight(to_tsvector('english', body), 'B')
));
