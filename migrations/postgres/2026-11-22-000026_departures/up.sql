-- Departures: when someone was deactivated (the retention counts from there) and when their
-- personal data was removed. Kept in step with migrations/sqlite.
ALTER TABLE people ADD COLUMN deactivated_at TIMESTAMP;
ALTER TABLE people ADD COLUMN anonymised_at TIMESTAMP;
UPDATE people SET deactivated_at = updated_at WHERE NOT active;

-- Whichever path deactivates (directory sync, an admin), the clock starts here.
CREATE FUNCTION person_deactivated() RETURNS trigger AS $$
BEGIN
    IF OLD.active AND NOT NEW.active THEN
        NEW.deactivated_at := clock_timestamp() AT TIME ZONE 'UTC';
    ELSIF NEW.active AND NOT OLD.active THEN
        NEW.deactivated_at := NULL;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER people_deactivated BEFORE UPDATE OF active ON people
    FOR EACH ROW EXECUTE FUNCTION person_deactivated();
CREATE INDEX people_departed ON people (deactivated_at) WHERE anonymised_at IS NULL;
