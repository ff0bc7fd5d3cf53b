UPDATE communities SET name_key = substr(name_key, 1, length(name_key) - length(slug) - 2)
    WHERE visibility = 'secret';
DROP TRIGGER people_sessions_end ON people;
DROP FUNCTION people_sessions_end();
DROP TABLE sessions;
