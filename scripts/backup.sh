#!/usr/bin/env bash
# Backs up Allmende's database while it runs: scripts/backup.sh [DATABASE_URL] OUT_FILE
# (the URL defaults to ALLMENDE__DATABASE__URL). SQLite: an online copy with sqlite3's .backup
# (consistent while the server writes). PostgreSQL: pg_dump in its custom format.
set -euo pipefail
if [[ $# -eq 2 ]]; then url=$1; out=$2; else url=${ALLMENDE__DATABASE__URL:?set ALLMENDE__DATABASE__URL or pass the URL}; out=${1:?usage: backup.sh [DATABASE_URL] OUT_FILE}; fi
case $url in
    postgres://* | postgresql://*)
        pg_dump --format=custom --no-owner --file="$out" "$url"
        ;;
    *)
        path=${url#sqlite://}
        [[ -f $path ]] || { echo "backup.sh: no SQLite database at $path" >&2; exit 1; }
        sqlite3 "$path" ".backup '$out'"
        ;;
esac
echo "backup.sh: $out written"
