#!/usr/bin/env bash
# Issue 18, engine-free: a plan's shards run as plain processes and merged
# equal one `run` over the same inputs (export as JSONL and CSV, the
# articles' keys and content hashes, the facts merge rebuilds: their views,
# and their tables with ids when merged in order), whatever the order parts
# come in;
# merging a part twice changes nothing; a missing part is named by merge
# and by `plan --missing`, and merging after it is rerun completes the
# database; a failed or killed shard leaves no part; parts of another
# schema, and shards with other rules, are refused.
# The inputs (generated, no ../shared) cross shard boundaries inside JSONL
# and JSONL.zst files and hold a repeated id and a repeated content in
# different shards, which one run refuses or skips and merge must too.
# usage: tests/shard_test.sh VNREFORM
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
# shellcheck source=support/check.sh
source "$root/tests/support/check.sh"
for tool in sqlite3 zstd; do
  command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done

# ---- inputs: the seeds, a JSONL file and a JSONL.zst file
gen() {  # gen PREFIX N: N articles, a bad line, a repeated id and content
  awk -v n="$2" -v pre="$1" 'BEGIN {
    split("Hà Nội|Đà Nẵng|Cần Thơ|Huế|Lào Cai|Nghệ An|Bình Dương|Sóc Trăng", place, "|")
    for (i = 1; i <= n; i++) {
      id = sprintf("%s-%05d", pre, i); k = i
      if (i == n - 3) id = sprintf("%s-%05d", pre, 4)     # id of line 4, other text
      if (i == n - 9) k = 9                               # content of line 9, other id
      if (i == n / 2) print "not json: a line that fails in every run"
      if (i == n / 3) print ""
      a = (k * 37) % 900 + 10; b = a + (k * 53) % 500 + 1; p = place[k % 8 + 1]
      d = k % 28 + 1; m = k % 12 + 1
      printf "{\"id\":\"%s\",\"url\":\"https://example.vn/%s/%d\",\"title\":\"Cải cách hành chính ở %s, bài %d\",", id, pre, k, p, k
      printf "\"text\":\"Ngày %d/%d/2024, %s đã giải quyết %d/%d hồ sơ thủ tục hành chính, đạt %.1f%%.\\n", d, m, p, a, b, 100 * a / b
      printf "Tỷ lệ hài lòng là %d%%. Theo Quyết định số %d/QĐ-UBND ngày %d/%d/2023 của UBND tỉnh.\"}\n", 50 + k % 50, 100 + k, d, m
    }
  }'
}
mkdir -p in/news && cp -r "$root/corpus/seeds" in/ &&
  gen a 600 >in/news/a.jsonl && gen b 400 | zstd -q -o in/news/b.jsonl.zst || exit 2

# ---- one run: the reference
"$bin" run in --db one.db --threads 2 --quiet 2>one.err
check "one run ends (exit 0 or 1)" test $? -le 1
"$bin" facts --db one.db 2>facts.err
check "facts of the one run rebuilt" test $? = 0
# The facts layer (issue 16): its tables, row for row with their ids, and
# its views, which name articles by key, without their id columns (ids
# follow the order parts are merged in); rows sorted.
facts_tables="article_sites record_links facts fact_candidates fact_sources fact_checks
  people posts tenures documents"
facts_views="rank_series task_completion_series office_holders legal_citations_by_year
  failed_checks unlinked_mentions"
dump() {  # dump DB NAME...
  local db=$1 t
  shift
  for t in "$@"; do
    echo "== $t"
    sqlite3 "$db" "SELECT * FROM $t" | sort
  done
}
dump_natural() {  # dump_natural DB VIEW...: without the id columns
  local db=$1 t cols
  shift
  for t in "$@"; do
    cols=$(sqlite3 "$db" "SELECT group_concat('\"' || name || '\"') FROM pragma_table_info('$t')
      WHERE name <> 'id' AND name NOT LIKE '%\_id' ESCAPE '\\'")
    echo "== $t"
    sqlite3 "$db" "SELECT $cols FROM $t" | sort
  done
}
export_all() {  # export_all DB NAME
  "$bin" export --db "$1" --format jsonl >"$2.jsonl" &&
    "$bin" export --db "$1" --format csv >"$2.csv" &&
    sqlite3 "$1" "SELECT key, content_hash, ruleset FROM articles ORDER BY key" >"$2.keys" &&
    dump "$1" $facts_tables >"$2.facts" && dump_natural "$1" $facts_views >"$2.views"
}
export_all one.db one
check "the facts have rows" test "$(sqlite3 one.db 'SELECT count(*) FROM facts')" -gt 0
check "reference has records" test "$(wc -l <one.jsonl)" -gt 1000
same_as_one() {  # same_as_one NAME
  cmp -s one.jsonl "$1.jsonl" && cmp -s one.csv "$1.csv" && cmp -s one.keys "$1.keys" &&
    cmp -s one.views "$1.views"
}

# ---- plan: 4 shards, deterministic, cut inside both JSONL files
mkdir -p p
"$bin" plan --shards 4 --out p/plan.json in 2>plan.err
check "plan writes p/plan.json" test -s p/plan.json
"$bin" plan --shards 4 --out p/again.json in 2>/dev/null
check "plan is deterministic" cmp -s p/plan.json p/again.json
check "plan cuts the .jsonl by lines" grep -q '"first_line": [1-9]' p/plan.json
check "plan cuts the .jsonl.zst by lines" \
  test "$(grep -c '"path": "in/news/b.jsonl.zst"' p/plan.json)" -ge 2
check "plan --missing lists all 4 before any run" \
  test "$("$bin" plan --missing p/plan.json --quiet)" = "0,1,2,3"

# ---- the shards as plain processes, two at a time, in reverse order
for i in 3 2; do "$bin" run --plan p/plan.json --shard $i --threads 1 --quiet 2>"s$i.err" & done
wait
for i in 1 0; do "$bin" run --plan p/plan.json --shard $i --threads 1 --quiet 2>"s$i.err" & done
wait
check "4 parts, no temporary file left" \
  test "$(ls -A p | tr '\n' ' ')" = "again.json part-0-of-4.db part-1-of-4.db part-2-of-4.db part-3-of-4.db plan.json "
check "plan --missing lists none" test -z "$("$bin" plan --missing p/plan.json)"
"$bin" merge --plan p/plan.json --db merged.db 2>merge.err
check "merge exits 0" test $? = 0
check "merge says 4 of 4" grep -q "4 of 4 parts merged" merge.err
check "merge names the repeated id" grep -q 'warning: shard .*"a-00004"' merge.err
export_all merged.db merged
check "merged = one run (export jsonl, csv, keys, facts views)" same_as_one merged
check "merged in shard order: facts tables = one run's, ids too" cmp -s one.facts merged.facts
check "merge rebuilt the facts" grep -q "facts rebuilt" merge.err
check "merged database is sound" test "$(sqlite3 merged.db 'PRAGMA integrity_check; PRAGMA foreign_key_check')" = ok

# ---- idempotent: the same parts again, and a rerun shard's new part
"$bin" merge --plan p/plan.json --db merged.db 2>merge2.err
check "merging again merges nothing" grep -q "0 of 4 parts merged, 4 merged before" merge2.err
"$bin" run --plan p/plan.json --shard 1 --threads 1 --quiet 2>/dev/null
"$bin" merge --plan p/plan.json --db merged.db 2>merge3.err
check "a rerun shard's part is the one merged already" grep -q "4 merged before" merge3.err
export_all merged.db merged2
check "still = one run" same_as_one merged2
check "shard_parts holds 4 parts" test "$(sqlite3 merged.db 'SELECT count(*) FROM shard_parts')" = 4

# ---- a missing part: named, the rest merged; then rerun and merged
mv p/part-2-of-4.db part-2.db
check "plan --missing gives 2" test "$("$bin" plan --missing p/plan.json 2>/dev/null)" = 2
"$bin" merge --plan p/plan.json --db partial.db 2>partial.err
check "merge with a part missing exits 1" test $? = 1
check "merge names the missing shard" grep -q "missing shards 2" partial.err
check "merge with a part missing merged 3" grep -q "3 of 4 parts merged" partial.err
"$bin" run --plan p/plan.json --shard 2 --threads 1 --quiet 2>/dev/null
"$bin" merge --plan p/plan.json --db partial.db 2>partial2.err
check "merging after the rerun exits 0" test $? = 0
export_all partial.db partial
check "completed = one run" same_as_one partial

# ---- refusals
cp p/part-2-of-4.db part-2-copy.db
sqlite3 p/part-2-of-4.db 'PRAGMA user_version = 12'
"$bin" merge --plan p/plan.json --db refused.db 2>refused.err
check "a part of another schema is refused" grep -q "shard 2 refused: .*schema version 12" refused.err
check "plan --missing lists it" test "$("$bin" plan --missing p/plan.json 2>/dev/null)" = 2
cp part-2-copy.db p/part-2-of-4.db
cp -r "$root/rules" rules2 && echo "# edited" >>rules2/date.toml
"$bin" run --plan p/plan.json --shard 0 --rules rules2 --quiet 2>rules.err
check "a shard with other rules is refused (exit 2)" test $? = 2
check "saying which rules" grep -q "was made with rules" rules.err

# ---- a failed or killed shard leaves no part; a rerun makes it
mkdir -p k && gen k 4000 >k.jsonl && "$bin" plan --shards 2 --out k/plan.json k.jsonl 2>/dev/null
echo '{"id":"k-extra","text":"x"}' >>k.jsonl  # the input changed since the plan
"$bin" run --plan k/plan.json --shard 0 --quiet 2>changed.err
check "a shard whose input changed fails (exit 2)" test $? = 2
check "naming the input" grep -q "k.jsonl has .* when the plan was made" changed.err
"$bin" plan --shards 2 --out k/plan.json k.jsonl 2>/dev/null
"$bin" run --plan k/plan.json --shard 0 --threads 1 --quiet 2>/dev/null &
pid=$!
for _ in $(seq 400); do compgen -G "k/.part-0-of-2.db.*.tmp" >/dev/null && break; sleep 0.02; done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "a killed shard leaves no part" test ! -e k/part-0-of-2.db
check "plan --missing lists the killed shard" test "$("$bin" plan --missing k/plan.json 2>/dev/null)" = "0,1"
"$bin" run --plan k/plan.json --shard 0 --threads 1 --quiet 2>/dev/null
check "its rerun writes the part" test -s k/part-0-of-2.db

exit $failed
