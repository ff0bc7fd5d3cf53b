-- A sync applies the directory page by page inside its transaction: nothing is staged any more.
DROP TABLE directory_entries;
-- What the person's directory entry looked like at the last sync that applied it (a digest):
-- an entry that still looks the same has nothing to update. Whatever changes a synced field
-- outside the sync sets it to NULL, so the next sync compares field by field again.
ALTER TABLE people ADD COLUMN directory_hash TEXT;
