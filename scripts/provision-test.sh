#!/usr/bin/env bash
# Runs the test suite on this machine, first providing what it needs: `make test` and
# `.ci/run` both call this, so the README's command works on a fresh Debian machine.
#
#   scripts/provision-test.sh [pytest arguments...]
#
# 1. Chromium, chromium-driver (browser tests), fonts-wqy-zenhei (CJK text in screenshots)
#    and PostgreSQL (the store tests' second backend) are installed with apt-get when
#    missing and this runs as root; otherwise it stops at once with the exact command.
# 2. Unless PARKWATCH_TEST_PG_URL is already set, a local PostgreSQL is started and a role
#    that may create the per-test databases is made: Debian's cluster when root, else a
#    private cluster under .cache/pgtest owned by this user.
# 3. pytest runs with PARKWATCH_TEST_PG_URL exported.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTEST_PYTHON:-.venv/bin/python}
PG_ROLE=parkwatch
PG_PASSWORD=parkwatch  # a throwaway role on 127.0.0.1 for tests only

say() { printf 'provision-test: %s\n' "$*" >&2; }

missing_packages() {
  local need=()
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  if ! dpkg-query -W -f='${Status}' fonts-wqy-zenhei 2>/dev/null | grep -q "ok installed" \
      && ! fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei"; then
    need+=(fonts-wqy-zenhei)
  fi
  if [ -z "${PARKWATCH_TEST_PG_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    need+=(postgresql)
  fi
  echo "${need[@]}"
}

read -r -a need <<<"$(missing_packages)"
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${need[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    read -r -a still <<<"$(missing_packages)"
    if [ ${#still[@]} -gt 0 ]; then
      say "still missing after apt-get install: ${still[*]} (is /usr/bin on PATH?)"
      exit 2
    fi
  else
    say "the tests need packages this machine lacks: ${need[*]}"
    say "install them, then run make test again:"
    printf '\n    sudo apt-get install -y --no-install-recommends %s\n\n' "${need[*]}" >&2
    case " ${need[*]} " in *" postgresql "*)
      say "(instead of installing postgresql you may set PARKWATCH_TEST_PG_URL to an admin URL,"
      say " postgresql+psycopg://user:password@127.0.0.1:5432/postgres, of a role with CREATEDB)";;
    esac
    exit 2
  fi
fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

start_debian_cluster() {  # root: Debian's own cluster on 127.0.0.1
  if [ -z "$(pg_lsclusters -h)" ]; then
    pg_createcluster --locale C.UTF-8 "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
  fi
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters -h | head -1)
  [ "$pg_status" = online ] || pg_ctlcluster "$pg_version" "$pg_cluster" start
  (cd / && runuser -u postgres -- psql -q -p "$pg_port" -v ON_ERROR_STOP=1 <<SQL
SELECT 'CREATE ROLE $PG_ROLE LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE')
\gexec
ALTER ROLE $PG_ROLE PASSWORD '$PG_PASSWORD';
GRANT pg_signal_backend TO $PG_ROLE;
SQL
  )
  PG_PORT=$pg_port
}

start_private_cluster() {  # not root: a cluster of our own, kept under .cache/
  local dir=.cache/pgtest bin
  bin=$(pg_bin)
  mkdir -p .cache
  if [ ! -f "$dir/PG_VERSION" ]; then
    local pwfile
    pwfile=$(mktemp)
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    "$bin/initdb" -D "$dir" -U "$PG_ROLE" --pwfile="$pwfile" -A scram-sha-256 --locale=C.UTF-8 -E UTF8 >/dev/null
    rm -f "$pwfile"
  fi
  PG_PORT=$(cat "$dir/port" 2>/dev/null || "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$PG_PORT" >"$dir/port"
  if ! "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $(pwd)/$dir" start >/dev/null
  fi
}

if [ -z "${PARKWATCH_TEST_PG_URL:-}" ]; then
  if [ "$(id -u)" = 0 ]; then start_debian_cluster; else start_private_cluster; fi
  export PARKWATCH_TEST_PG_URL="postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
  say "PostgreSQL for the tests on 127.0.0.1:$PG_PORT"
fi

exec "$PYTHON" -m pytest -q "$@"
