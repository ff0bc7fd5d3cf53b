-- A community's rules (markdown), shown to people before they join.
ALTER TABLE communities ADD COLUMN code_of_conduct TEXT NOT NULL DEFAULT '';
