-- A sync applies the directory page by page inside its transaction: nothing is staged any more.
DROP TABLE directory_entries;
