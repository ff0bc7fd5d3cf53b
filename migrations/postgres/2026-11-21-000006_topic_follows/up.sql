-- Topics a person follows: their posts come to the person's home feed.
CREATE TABLE topic_follows (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, topic)
);
