#!/usr/bin/env bash
# The programs the test suite runs besides Python, installed with apt when they are missing
# (`make test` calls this first):
# - Debian's chromium: Playwright drives it (it cannot download a browser here);
# - a Java runtime and npm: the Nu HTML Checker (vnu.jar, from tests/html/package.json);
# - nginx: tests/test_nginx.py checks and runs deploy/nginx/ciso.conf;
# - the PostgreSQL client: pg_dump/pg_restore for the backup tests;
# - valgrind: tests/bench/instructions.py counts a page's instructions with it.
# Under CI=true a failed install stops the run (those tests would fail anyway); elsewhere it
# only warns, and the tests that need a missing program are skipped with the reason.
set -uo pipefail

missing=()
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(npm)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v pg_dump >/dev/null || missing+=(postgresql-client)
command -v valgrind >/dev/null || missing+=(valgrind)
[ "${#missing[@]}" -eq 0 ] && exit 0

echo "Installing what the tests need: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if $sudo apt-get update -qq &&
  $sudo env DEBIAN_FRONTEND=noninteractive \
    apt-get install --yes --quiet --no-install-recommends "${missing[@]}"; then
  exit 0
fi
case "${CI:-}" in
  1 | true | yes)
    echo "Could not install ${missing[*]}: under CI the suite needs them." >&2
    exit 1
    ;;
esac
echo "Could not install ${missing[*]}: the tests that need them will be skipped." >&2
exit 0
