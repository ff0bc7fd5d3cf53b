-- Reports of posts and comments, and what moderators decided. Reporters are never shown.
CREATE TABLE reports (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    target_type TEXT NOT NULL CHECK (target_type IN ('post', 'comment')),
    target_id BIGINT NOT NULL,
    -- the post itself, or the comment's post
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    reporter_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    reason TEXT NOT NULL CHECK (reason IN ('spam', 'offensive', 'off-topic', 'other')),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    decision TEXT CHECK (decision IN ('dismiss', 'hide', 'delete', 'warn', 'ban')),
    decided_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    decided_at TIMESTAMP,
    decision_reason TEXT,
    UNIQUE (target_type, target_id, reporter_id)
);
CREATE INDEX reports_open ON reports(community_id, decided_at);
CREATE INDEX reports_target ON reports(target_type, target_id);

-- hidden by a moderator (or automatically, hidden_by empty): a notice stands in for the text
ALTER TABLE posts ADD COLUMN hidden_at TIMESTAMP;
ALTER TABLE posts ADD COLUMN hidden_by BIGINT REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE comments ADD COLUMN hidden_at TIMESTAMP;
ALTER TABLE comments ADD COLUMN hidden_by BIGINT REFERENCES people(id) ON DELETE SET NULL;
