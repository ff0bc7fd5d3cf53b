DROP TABLE post_topics;
