#!/usr/bin/env bash
# scripts/demo as a new user runs it: exit 0, its last hint printed, and
# the ratios table's header naming the columns its query selects (issue 15).
# usage: tests/demo_test.sh PATH/TO/vnreform
set -u
bin=${1:?usage: demo_test.sh VNREFORM}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passed=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
VNREFORM=$bin DEMO_DB=$tmp/demo.db "$root/scripts/demo" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "demo exits 0 (was 141: export | head under pipefail)" test "$rc" = 0
check "demo prints its last hint" grep -q "^The database is $tmp/demo.db" "$tmp/out"
check "demo prints five records" test "$(grep -c '^{"article"' "$tmp/out")" = 5
check "ratios header names percent, as the query" grep -q "^== ratios (.*numerator, denominator, percent, article" "$tmp/out"
check "no stray export file" test ! -e "$tmp/demo.db.jsonl"
echo "$passed passed, $fails failed"
test "$fails" = 0
