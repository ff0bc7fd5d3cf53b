-- The #topics a post names (lower-cased), for topic pages and what is trending.
CREATE TABLE post_topics (
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (post_id, topic)
);
CREATE INDEX post_topics_topic ON post_topics(topic);
