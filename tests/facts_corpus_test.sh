#!/usr/bin/env bash
# The facts layer end to end (issue 16): a database built from corpus/ and,
# when ../shared is there, from ../shared/gold/dev, ../shared/seeds and the
# reform articles of ../shared/corpus; then `vnreform facts` and:
#   - the rank series of PAR INDEX, SIPAS, PAPI and PCI list each unit once
#     per edition, with canonical codes (ref_units, provinces or ministries);
#   - two rebuilds give identical tables;
#   - an override survives a rebuild and `reextract --force`;
#   - --index prints the series as CSV, JSONL and a table.
# usage: tests/facts_corpus_test.sh PATH/TO/vnreform
set -u
bin=${1:?usage: facts_corpus_test.sh VNREFORM}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passed=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
command -v sqlite3 >/dev/null || { echo "skipped: no sqlite3"; exit 77; }
q() { sqlite3 -batch "$db" "$1"; }
db=$tmp/facts.db
inputs=("$root/corpus/seeds")
if [ -d "$shared/gold/dev" ]; then
  inputs+=("$shared/gold/dev" "$shared/seeds")
  if "$root/scripts/reform_jsonl" "$tmp/reform.jsonl" "$shared" >/dev/null 2>&1; then
    inputs+=("$tmp/reform.jsonl")
  fi
else
  echo "note: $shared missing: corpus/ only"
fi
"$bin" run "${inputs[@]}" --db "$db" --rules "$root/rules" --quiet || true
"$bin" facts --db "$db" --rules "$root/rules" 2>"$tmp/summary"
check "facts exits 0" test $? = 0
cat "$tmp/summary"
check "summary names the facts" grep -q "facts (" "$tmp/summary"
check "reference loaded" test "$(q "SELECT count(*) FROM ref_units WHERE kind = 'province'")" -ge 63

series="'PAR_INDEX', 'SIPAS', 'PAPI', 'PCI'"
dups=$(q "SELECT count(*) FROM (SELECT 1 FROM rank_series WHERE \"index\" IN ($series)
          GROUP BY \"index\", level, edition, unit_code HAVING count(*) > 1)")
check "each unit once per edition" test "$dups" = 0
bad=$(q "SELECT count(*) FROM rank_series s LEFT JOIN ref_units u ON u.code = s.unit_code
         WHERE u.code IS NULL OR u.kind NOT IN ('province', 'ministry', 'agency')
            OR (s.level = 'province') != (u.kind = 'province')")
check "canonical unit codes" test "$bad" = 0
check "no rank without a rank" test "$(q "SELECT count(*) FROM rank_series WHERE rank IS NULL
                                         AND overridden = 0")" = 0
if [ -d "$shared/gold/dev" ]; then
  n=$(q "SELECT count(*) FROM rank_series WHERE \"index\" IN ($series)")
  check "the four series have rows ($n)" test "$n" -ge 10
  for i in PAR_INDEX PCI; do
    check "$i has a series" test "$(q "SELECT count(*) FROM rank_series WHERE \"index\" = '$i'")" -ge 1
  done
  check "evidence for every fact" test "$(q "SELECT count(*) FROM facts f WHERE NOT EXISTS
      (SELECT 1 FROM fact_evidence e WHERE e.fact_id = f.id) AND f.n_mentions > 0")" = 0
fi

dump() {
  for t in record_links people posts tenures documents facts fact_candidates fact_sources \
           fact_checks article_sites; do
    sqlite3 -batch "$db" "SELECT '$t', * FROM $t ORDER BY rowid"
  done
}
dump >"$tmp/dump1"
"$bin" facts --db "$db" --rules "$root/rules" 2>/dev/null
dump >"$tmp/dump2"
check "two rebuilds give identical tables" cmp -s "$tmp/dump1" "$tmp/dump2"

key=$(q "SELECT natural_key FROM facts WHERE kind = 'rank' ORDER BY natural_key LIMIT 1")
if [ -n "$key" ]; then
  q "INSERT INTO fact_overrides(natural_key, action, value, note)
     VALUES('$key', 'accept', '99', 'checked against the report')"
  "$bin" facts --db "$db" --rules "$root/rules" 2>/dev/null
  check "override applied" test "$(q "SELECT value || '|' || overridden FROM facts
                                      WHERE natural_key = '$key'")" = "99|1"
  "$bin" reextract --db "$db" --rules "$root/rules" --force --quiet
  check "reextract keeps overrides" test "$(q "SELECT count(*) FROM fact_overrides")" = 1
  "$bin" facts --db "$db" --rules "$root/rules" 2>/dev/null
  check "override applied after reextract" \
    test "$(q "SELECT value || '|' || overridden || '|' || note FROM facts
               WHERE natural_key = '$key'")" = "99|1|checked against the report"
  index=$(q "SELECT index_code FROM facts WHERE natural_key = '$key'")
  level=$(q "SELECT level FROM facts WHERE natural_key = '$key'")
  "$bin" facts --db "$db" --index "$index" --level "$level" --format csv >"$tmp/s.csv"
  check "csv series" grep -q "^index,level,edition,published_on,unit_code" "$tmp/s.csv"
  check "csv has rows" test "$(wc -l <"$tmp/s.csv")" -ge 2
  "$bin" facts --db "$db" --index "$index" --level "$level" --format jsonl >"$tmp/s.jsonl"
  check "jsonl series" grep -q "\"index\":\"$index\"" "$tmp/s.jsonl"
  "$bin" facts --db "$db" --index "$index" --level "$level" >"$tmp/s.txt"
  check "table series" grep -q "rows: $index" "$tmp/s.txt"
else
  echo "note: no rank facts; override checks skipped"
fi
"$bin" facts --db "$db" --index NOPE >/dev/null 2>"$tmp/err"
check "unknown index is a usage error" test $? = 2
check "unknown index lists the indices" grep -q "PAR_INDEX" "$tmp/err"

echo "facts_corpus_test: $passed passed, $fails failed"
[ $fails = 0 ]
