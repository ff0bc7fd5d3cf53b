#!/usr/bin/env bash
# Lighthouse scores of the main pages at mobile emulation, against the local Chromium: starts the
# demo company on a fresh embedded database, signs in as a project lead and audits the home feed,
# a community, a post and the task board (performance, accessibility, best practices). Prints
# one line per page; the figures go to BENCHMARKS.md. Not part of the tests: a score depends on
# the machine, and a page is not wrong because a busy machine made it slow.
set -euo pipefail
cd "$(dirname "$0")/.."

LH_VERSION=12.8.2
LH_DIR=${ALLMENDE_LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/allmende/lighthouse-$LH_VERSION}
if [[ ! -x $LH_DIR/node_modules/.bin/lighthouse ]]; then
    mkdir -p "$LH_DIR"
    (cd "$LH_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund "lighthouse@$LH_VERSION" >&2)
fi
CHROME=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser)}

# The debug build, as `cargo run` gives a newcomer; a release build only does better.
cargo build --quiet
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
ALLMENDE_CONFIG=config/default.toml \
ALLMENDE__SERVER__BIND="127.0.0.1:$port" \
ALLMENDE__DATABASE__URL="sqlite://$work/demo.db" \
ALLMENDE__SESSION__KEY_FILE="$work/session.key" \
ALLMENDE__MAIL__TRANSPORT=none \
    target/debug/allmende serve --demo >"$work/log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && grep -q "password:" "$work/log" && break
    sleep 0.2
done
password=$(grep -o "password: [A-Za-z0-9]*" "$work/log" | cut -d' ' -f2)

jar="$work/jar"
token=$(curl -fs -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -fs -c "$jar" -b "$jar" -o /dev/null -d "csrf_token=$token&uid=cbrandt&password=$password" "$base/login"
cookie=$(awk '$6 == "allmende_session" {print $6"="$7}' "$jar")
post=$(sqlite3 "$work/demo.db" "SELECT p.id FROM posts p JOIN communities c ON c.id = p.community_id WHERE c.slug = 'projekt-phoenix' LIMIT 1")

for path in / /c/projekt-phoenix "/posts/$post" /c/projekt-phoenix/tasks; do
    out="$work/report.json"
    CHROME_PATH=$CHROME "$LH_DIR/node_modules/.bin/lighthouse" "$base$path" --quiet \
        --chrome-flags="--headless=new --no-sandbox" --extra-headers="{\"Cookie\":\"$cookie\"}" \
        --only-categories=performance,accessibility,best-practices --output=json --output-path="$out" >/dev/null 2>&1
    node -e '
        const r = require(process.argv[1]);
        if (new URL(r.finalDisplayedUrl).pathname !== process.argv[2]) throw new Error("redirected to " + r.finalDisplayedUrl);
        const s = Object.values(r.categories).map((c) => `${c.id} ${Math.round(c.score * 100)}`).join(", ");
        console.log(`${process.argv[2]} (${r.configSettings.formFactor}): ${s}`);
    ' "$out" "$path"
done
