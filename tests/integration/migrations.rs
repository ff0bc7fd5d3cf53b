use allmende::db::{DatabaseUrl, introspect, run_pending_migrations};

use crate::support::PgDatabase;

#[test]
fn both_migration_folders_produce_the_same_tables_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url = DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("m.db").display())).unwrap();
    let mut sqlite = sqlite_url.connect().unwrap();
    let applied = run_pending_migrations(&mut sqlite).unwrap();
    assert!(!applied.is_empty(), "a new SQLite database gets every migration");
    assert!(
        run_pending_migrations(&mut sqlite).unwrap().is_empty(),
        "nothing is applied twice"
    );

    let pg_db = PgDatabase::create();
    let mut pg = DatabaseUrl::parse(&pg_db.url).unwrap().connect().unwrap();
    assert!(
        run_pending_migrations(&mut pg).unwrap().is_empty(),
        "the template is fully migrated"
    );

    let sqlite_cols = introspect::columns(&mut sqlite).unwrap();
    let pg_cols = introspect::columns(&mut pg).unwrap();
    assert!(sqlite_cols.iter().any(|(t, c, _)| t == "people" && c == "uid"));
    let only_sqlite: Vec<_> = sqlite_cols.difference(&pg_cols).collect();
    let only_pg: Vec<_> = pg_cols.difference(&sqlite_cols).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "only in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_pg:?}"
    );
}
