-- A sync applies the directory page by page inside its transaction: nothing is staged any more.
DROP TABLE directory_entries;
-- What the person's directory entry looked like at the last sync that applied it (a digest):
-- an entry that still looks the same has nothing to update.
ALTER TABLE people ADD COLUMN directory_hash TEXT;
