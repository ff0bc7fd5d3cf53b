UPDATE communities SET modules = trim(replace(modules, 'meetings', ''));
DROP TABLE calendar_feeds;
DROP TABLE meeting_outcomes;
DROP TABLE meeting_rsvps;
DROP TABLE meeting_suggestions;
DROP TABLE meetings;
