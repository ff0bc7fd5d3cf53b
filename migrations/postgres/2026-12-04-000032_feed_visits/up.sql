-- What the home feed marks as new: posts after `seen_until`, the end of the person's previous
-- visit (a visit lasts while they come back within half an hour). Kept in step with the other
-- database's migration.
CREATE TABLE feed_visits (
    person_id BIGINT PRIMARY KEY NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    seen_until TIMESTAMP NOT NULL,
    last_visit_at TIMESTAMP NOT NULL
);
