ALTER TABLE communities DROP COLUMN code_of_conduct;
