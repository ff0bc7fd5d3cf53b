#!/usr/bin/env bash
# Runs every check Allmende has: formatting, lints, unit and integration tests on SQLite and
# PostgreSQL, and the browser test in headless Chromium. On a fresh Debian machine it first
# installs what is missing (needs root for that): PostgreSQL, Chromium and its driver, OpenLDAP,
# Python's aiosmtpd, and the C libraries the build links against.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "test.sh: $*" >&2; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        say "need root to run: $*"; exit 1
    fi
}

APT_UPDATED=0
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    say "installing ${missing[*]}"
    if [[ $APT_UPDATED -eq 0 ]]; then
        as_root apt-get update -q -o DPkg::Lock::Timeout=300 >&2
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
        --no-install-recommends "${missing[@]}" >&2
}

command -v cargo >/dev/null || { say "cargo not found: install Rust (https://rustup.rs) first"; exit 1; }
apt_install gcc pkg-config libssl-dev libpq-dev postgresql chromium chromium-driver ca-certificates
# A real SMTP server for the mail tests (tests/smtp_sink.py runs on Debian's Python with aiosmtpd).
apt_install python3 python3-aiosmtpd
# The backup and restore scripts (tested) use the SQLite shell and PostgreSQL's client tools.
apt_install sqlite3 postgresql-client
# OpenLDAP for the directory tests: the tests start their own slapd with their own config, so the
# package must not configure or start a system one.
if ! dpkg-query -W -f='${Status}' slapd 2>/dev/null | grep -q "install ok installed"; then
    echo "slapd slapd/no_configuration boolean true" | as_root debconf-set-selections
    made_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
        as_root chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    apt_install slapd ldap-utils
    [[ $made_policy -eq 1 ]] && as_root rm -f /usr/sbin/policy-rc.d
fi
command -v npm >/dev/null || apt_install nodejs npm
# axe-core, for the accessibility checks in the browser test (package.json, test-only).
[[ -f node_modules/axe-core/axe.min.js ]] || npm ci --no-audit --no-fund >&2
# schemathesis, which checks the API against its OpenAPI document (tests/integration/contract.rs),
# in a virtual environment of its own, kept outside the clone so that CI installs it once.
apt_install python3-venv
SCHEMATHESIS_VERSION=4.32.5
ST_VENV=${ALLMENDE_SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/allmende/schemathesis-$SCHEMATHESIS_VERSION}
if [[ ! -x $ST_VENV/bin/schemathesis ]]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION into $ST_VENV"
    rm -rf "$ST_VENV"
    python3 -m venv "$ST_VENV"
    "$ST_VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
fi
export ALLMENDE_TEST_SCHEMATHESIS=$ST_VENV/bin/schemathesis

# PostgreSQL on 127.0.0.1:5432 (ALLMENDE_TEST_PG_URL points the tests elsewhere).
PG_URL=${ALLMENDE_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    say "starting PostgreSQL"
    version=$(ls /etc/postgresql | sort -V | tail -n1)
    if [[ -z $version ]]; then say "no PostgreSQL cluster found"; exit 1; fi
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster "$version" main start
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
if ! PGCONNECT_TIMEOUT=5 psql -w "$PG_URL" -qtAc 'SELECT 1' >/dev/null 2>&1; then
    # A fresh Debian cluster asks for a password on TCP: give the superuser one for the tests.
    say "setting a test password for the PostgreSQL superuser"
    as_root runuser -u postgres -- psql -qc "ALTER USER postgres PASSWORD 'allmende-test'" >/dev/null
    PG_URL=postgres://postgres:allmende-test@127.0.0.1:5432/postgres
fi
export ALLMENDE_TEST_PG_URL=$PG_URL
# Databases left behind by killed test runs.
for db in $(psql -w "$PG_URL" -qtAc "SELECT datname FROM pg_database WHERE datname LIKE 'allmende\_test\_%'"); do
    psql -w "$PG_URL" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null || true
done

# CI clones afresh each run; a target directory outside the clone is reused across runs.
if [[ ${CI:-} == true && -z ${CARGO_TARGET_DIR:-} ]]; then
    export CARGO_TARGET_DIR=${ALLMENDE_CI_TARGET_DIR:-$HOME/.cache/allmende/target}
    mkdir -p "$CARGO_TARGET_DIR"
fi
export RUST_BACKTRACE=${RUST_BACKTRACE:-0}

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
