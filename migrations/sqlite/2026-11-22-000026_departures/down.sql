DROP INDEX people_departed;
DROP TRIGGER people_reactivated;
DROP TRIGGER people_deactivated;
ALTER TABLE people DROP COLUMN anonymised_at;
ALTER TABLE people DROP COLUMN deactivated_at;
