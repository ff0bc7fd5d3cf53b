-- Departures: when someone was deactivated (the retention counts from there) and when their
-- personal data was removed. Kept in step with migrations/postgres.
ALTER TABLE people ADD COLUMN deactivated_at TIMESTAMP;
ALTER TABLE people ADD COLUMN anonymised_at TIMESTAMP;
UPDATE people SET deactivated_at = updated_at WHERE NOT active;

-- Whichever path deactivates (directory sync, an admin), the clock starts here.
CREATE TRIGGER people_deactivated AFTER UPDATE OF active ON people
    WHEN OLD.active AND NOT NEW.active
BEGIN
    UPDATE people SET deactivated_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER people_reactivated AFTER UPDATE OF active ON people
    WHEN NEW.active AND NOT OLD.active
BEGIN
    UPDATE people SET deactivated_at = NULL WHERE id = NEW.id;
END;
CREATE INDEX people_departed ON people (deactivated_at) WHERE anonymised_at IS NULL;
