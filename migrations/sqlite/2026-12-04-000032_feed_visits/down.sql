DROP TABLE feed_visits;
