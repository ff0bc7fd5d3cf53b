-- Kinds of notification a person switched off.
CREATE TABLE notification_mutes (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);
