-- Sign-ins kept on the server: the cookie names one by a random id (only its hash is kept), so
-- signing out, a deactivation or a new password ends a session for good, and idle and absolute
-- lifetimes are the server's to enforce. Kept in step with migrations/sqlite.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

-- Whichever path deactivates someone or sets their password, their sessions end.
CREATE FUNCTION people_sessions_end() RETURNS trigger AS $$
BEGIN
    DELETE FROM sessions WHERE person_id = NEW.id;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_sessions_end AFTER UPDATE OF active, password_hash ON people
    FOR EACH ROW WHEN (NOT NEW.active OR NEW.password_hash IS DISTINCT FROM OLD.password_hash)
    EXECUTE FUNCTION people_sessions_end();

-- Secret communities' names no longer block anyone else's (their key carries the slug).
UPDATE communities SET name_key = name_key || ' #' || slug WHERE visibility = 'secret';
