-- Full-text search over posts, comments and communities. The documents are kept in step with
-- the content by the application; `title_stems` and `body_stems` hold the German and English word
-- stems (Snowball) that SQLite's FTS5 index below searches, titles weighted above bodies. PostgreSQL searches title and body
-- with its own german and english configurations instead (see its migration).
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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

CREATE VIRTUAL TABLE search_fts USING fts5(title_stems, body_stems, content='search_documents', content_rowid='id');
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts(rowid, title_stems, body_stems) VALUES (new.id, new.title_stems, new.body_stems);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_stems, body_stems) VALUES ('delete', old.id, old.title_stems, old.body_stems);
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts(search_fts, rowid, title_stems, body_stems) VALUES ('delete', old.id, old.title_stems, old.body_stems);
    INSERT INTO search_fts(rowid, title_stems, body_stems) VALUES (new.id, new.title_stems, new.body_stems);
END;
