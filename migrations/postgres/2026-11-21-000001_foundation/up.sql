-- Kept in step with migrations/sqlite; tests/migrations.rs compares the two.
CREATE TABLE departments (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    head_id BIGINT,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE people (
    id BIGSERIAL PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    title TEXT,
    department_id BIGINT REFERENCES departments(id) ON DELETE SET NULL,
    manager_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    locale TEXT CHECK (locale IN ('de', 'en')),
    timezone TEXT,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash TEXT,
    -- lower-cased name, uid and mail, so search is case-insensitive beyond ASCII on both backends
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- serves the directory: active people by name, keyset-paged by (display_name, uid)
CREATE INDEX people_directory ON people(active, display_name, uid);
CREATE INDEX people_department ON people(department_id);

CREATE TABLE communities (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('organization', 'department', 'project', 'interest')),
    description TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private', 'secret')),
    join_policy TEXT NOT NULL CHECK (join_policy IN ('open', 'request', 'invite')),
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    department_id BIGINT UNIQUE REFERENCES departments(id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX communities_kind ON communities(kind);

CREATE TABLE memberships (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('manager', 'moderator', 'member')),
    state TEXT NOT NULL CHECK (state IN ('active', 'requested', 'invited', 'banned')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (community_id, person_id)
);
CREATE INDEX memberships_person ON memberships(person_id);
-- member counts per community without visiting the rows
CREATE INDEX memberships_community_state ON memberships(community_id, state);

CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX posts_community_created ON posts(community_id, created_at);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    -- SHA-256 of the token; the token itself is shown once and never stored
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    actor_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_created ON audit_log(created_at);

CREATE TABLE login_attempts (
    id BIGSERIAL PRIMARY KEY,
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    attempted_at TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts(account, attempted_at);
CREATE INDEX login_attempts_address ON login_attempts(address, attempted_at);

-- departments and people refer to each other; PostgreSQL needs the second table first.
ALTER TABLE departments ADD CONSTRAINT departments_head_fk
    FOREIGN KEY (head_id) REFERENCES people(id) ON DELETE SET NULL;
