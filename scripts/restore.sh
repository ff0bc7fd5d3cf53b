#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: scripts/restore.sh BACKUP_FILE DATABASE_URL.
# Stop every `allmende serve` node first. SQLite: the backup replaces the database file (the
# old one is kept as FILE.before-restore). PostgreSQL: into an empty database (createdb it
# first); pg_restore stops at the first error. Start Allmende afterwards: it applies the
# migrations a newer version brings.
set -euo pipefail
backup=${1:?usage: restore.sh BACKUP_FILE DATABASE_URL}
url=${2:?usage: restore.sh BACKUP_FILE DATABASE_URL}
[[ -f $backup ]] || { echo "restore.sh: no backup at $backup" >&2; exit 1; }
case $url in
    postgres://* | postgresql://*)
        pg_restore --exit-on-error --no-owner --dbname="$url" "$backup"
        ;;
    *)
        path=${url#sqlite://}
        if [[ -f $path ]]; then mv "$path" "$path.before-restore"; fi
        rm -f "$path-wal" "$path-shm"
        sqlite3 "$backup" "PRAGMA integrity_check" | grep -qx ok || { echo "restore.sh: $backup is damaged" >&2; exit 1; }
        cp "$backup" "$path"
        ;;
esac
echo "restore.sh: restored into $url"
