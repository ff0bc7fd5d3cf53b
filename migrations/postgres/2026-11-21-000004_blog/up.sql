-- Community blogs: posts with their rendered HTML, comments (one level of replies) and reactions.
-- Kept in step with migrations/sqlite.
ALTER TABLE posts ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE posts ADD COLUMN announcement BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE posts ADD COLUMN edited_at TIMESTAMP;
-- soft deletion: moderators still see what was deleted, and by whom
ALTER TABLE posts ADD COLUMN deleted_at TIMESTAMP;
ALTER TABLE posts ADD COLUMN deleted_by BIGINT REFERENCES people(id) ON DELETE SET NULL;

CREATE TABLE comments (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    -- a reply names the top-level comment it answers; replies have no replies of their own
    parent_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    deleted_at TIMESTAMP,
    deleted_by BIGINT REFERENCES people(id) ON DELETE SET NULL
);
CREATE INDEX comments_post ON comments(post_id, created_at);

-- one reaction per person and post or comment; changing it replaces it
CREATE TABLE reactions (
    target_type TEXT NOT NULL CHECK (target_type IN ('post', 'comment')),
    target_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('like', 'celebrate', 'support', 'insightful', 'curious')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (target_type, target_id, person_id)
);
