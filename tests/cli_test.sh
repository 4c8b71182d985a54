#!/usr/bin/env bash
# The command line as a user meets it: help on every command, exit codes,
# a malformed rule file refusing to start the run, repeatable exports.
# usage: tests/cli_test.sh PATH/TO/vnreform
set -u
bin=${1:?usage: cli_test.sh VNREFORM}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passed=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
code() { "$@" >"$tmp/out" 2>"$tmp/err"; echo $?; }

check "help exits 0" test "$(code "$bin" --help)" = 0
commands="run plan merge fetch reextract export stats facts serve rules explain clean normalize"
for c in $commands; do
  check "$c --help" test "$(code "$bin" "$c" --help)" = 0
  check "$c --help prints usage" grep -q "^usage: vnreform $c" "$tmp/out"
done
"$bin" --help >"$tmp/out"
for c in $commands; do check "--help lists $c" grep -q "^  $c " "$tmp/out"; done
check "no command is a usage error" test "$(code "$bin")" = 2
check "unknown command" test "$(code "$bin" frobnicate)" = 2
check "unknown flag" test "$(code "$bin" run "$root/corpus/seeds" --db "$tmp/a.db" --nope)" = 2
check "unknown flag named" grep -q "unknown option --nope" "$tmp/err"
check "unknown flag names the command" grep -q "^vnreform run: unknown option --nope" "$tmp/err"
check "fetch: unknown flag" test "$(code "$bin" fetch --db "$tmp/x.db" --resume --nope)" = 2
check "fetch: unknown flag named" grep -q "^vnreform fetch: unknown option --nope" "$tmp/err"
check "fetch: out of range" test "$(code "$bin" fetch --db "$tmp/x.db" --resume --concurrency 0)" = 2
check "fetch: range named" grep -q -- "--concurrency" "$tmp/err"
check "fetch: no seed" test "$(code "$bin" fetch --db "$tmp/x.db")" = 2
check "fetch: stray argument" test "$(code "$bin" fetch --db "$tmp/x.db" --resume extra)" = 2
check "bad --batch" test "$(code "$bin" run x --db "$tmp/a.db" --batch 0)" = 2
check "missing --db" test "$(code "$bin" run "$root/corpus/seeds")" = 2
check "bad --threads" test "$(code "$bin" run x --db "$tmp/a.db" --threads abc)" = 2

check "run ok" test "$(code "$bin" run "$root/corpus/seeds" --db "$tmp/a.db" --rules "$root/rules")" = 0
check "run summary" grep -q "5 articles stored" "$tmp/err"
check "--flag=value" test "$(code "$bin" run "$root/corpus/seeds" --db="$tmp/eq.db" --rules="$root/rules" --threads=2)" = 0
check "--flag=value stores" grep -q "5 articles stored" "$tmp/err"
"$bin" export --db "$tmp/a.db" >"$tmp/one.jsonl"
"$bin" run "$root/corpus/seeds" --db "$tmp/b.db" --rules "$root/rules" --threads 1 2>/dev/null
"$bin" export --db "$tmp/b.db" >"$tmp/two.jsonl"
check "export is repeatable across runs" cmp -s "$tmp/one.jsonl" "$tmp/two.jsonl"
check "export not empty" test -s "$tmp/one.jsonl"
check "rerun unchanged" test "$(code "$bin" run "$root/corpus/seeds" --db "$tmp/a.db" --rules "$root/rules")" = 0
check "rerun skipped all" grep -q "0 articles stored, 5 unchanged" "$tmp/err"
"$bin" export --db "$tmp/a.db" >"$tmp/three.jsonl"
check "rerun adds nothing" cmp -s "$tmp/one.jsonl" "$tmp/three.jsonl"
check "csv export" test "$(code "$bin" export --db "$tmp/a.db" --format csv --type ratio)" = 0
check "csv header" grep -q "^article,type,text,numerator,denominator" "$tmp/out"
check "csv rows" test "$(wc -l <"$tmp/out")" -gt 5
# Issue 15: the README's view names are types too; an unknown type is a
# usage error that lists the types, never an empty export.
check "export --type ratios (the view)" test "$(code "$bin" export --db "$tmp/a.db" --type ratios)" = 0
cp "$tmp/out" "$tmp/ratios.jsonl"
"$bin" export --db "$tmp/a.db" --type ratio >"$tmp/ratio.jsonl"
check "the view name exports its type" cmp -s "$tmp/ratios.jsonl" "$tmp/ratio.jsonl"
check "the view name exports records" test -s "$tmp/ratios.jsonl"
check "export --type legal_refs" test "$(code "$bin" export --db "$tmp/a.db" --type legal_refs --format csv)" = 0
check "unknown type exits 2" test "$(code "$bin" export --db "$tmp/a.db" --type nonsense)" = 2
check "unknown type named" grep -q "unknown type 'nonsense'" "$tmp/err"
check "unknown type lists the types" grep -q "ratio (ratios)" "$tmp/err"
check "unknown type lists types without records" grep -q "ranking (rankings)" "$tmp/err"
check "unknown type writes nothing" test ! -s "$tmp/out"
check "bad format" test "$(code "$bin" export --db "$tmp/a.db" --format xml)" = 2
check "export of a missing db" test "$(code "$bin" export --db "$tmp/none.db")" = 2
check "stats --json" test "$(code "$bin" stats --db "$tmp/a.db" --json)" = 0
check "stats keys" grep -q '"articles":5,"records":{' "$tmp/out"
check "stats errors key" grep -q '"errors":0' "$tmp/out"

printf '' >"$tmp/empty.txt"
check "failed input exits 1" test "$(code "$bin" run "$tmp/empty.txt" --db "$tmp/c.db" --rules "$root/rules")" = 1
check "failed input named" grep -q "empty.txt: empty file" "$tmp/err"

# Issue 6: what run prints on stderr when it is not a terminal.
mkdir "$tmp/in"
cp "$root"/corpus/seeds/000_*.txt "$tmp/in/a.txt"
printf 'đạt \xff 35,5%%\n' >"$tmp/in/b.txt"
printf '' >"$tmp/in/c.txt"
check "default run: exit 1 (c.txt)" test "$(code "$bin" run "$tmp/in" --db "$tmp/e.db" --rules "$root/rules")" = 1
check "default: errors as they come" grep -q "^error: .*c.txt: empty file" "$tmp/err"
check "default: no warnings" test -z "$(grep '^warning:' "$tmp/err")"
check "default: no progress off a terminal" test -z "$(grep 'articles/s' "$tmp/err")"
check "default: no file lines" test -z "$(grep '^file ' "$tmp/err")"
check "--verbose run" test "$(code "$bin" run "$tmp/in" --db "$tmp/f.db" --rules "$root/rules" --verbose)" = 1
check "--verbose: file started" grep -q "^file $tmp/in/a.txt: started" "$tmp/err"
check "--verbose: file done with counts" grep -q "^file $tmp/in/a.txt: done, 1 stored, 0 unchanged, 0 failed, [1-9][0-9]* records" "$tmp/err"
check "--verbose: failed file counted" grep -q "^file $tmp/in/c.txt: done, 0 stored, 0 unchanged, 1 failed" "$tmp/err"
check "--verbose: warnings" grep -q "^warning: .*b.txt: 1 invalid UTF-8" "$tmp/err"
check "--verbose: error" grep -q "^error: .*c.txt: empty file" "$tmp/err"
check "--verbose: no progress off a terminal" test -z "$(grep 'articles/s' "$tmp/err")"
check "--verbose: rerun counts unchanged" test "$(code "$bin" run "$tmp/in" --db "$tmp/f.db" --rules "$root/rules" --verbose)" = 1
check "--verbose: unchanged in file line" grep -q "^file $tmp/in/a.txt: done, 0 stored, 1 unchanged" "$tmp/err"
check "--quiet run" test "$(code "$bin" run "$tmp/in" --db "$tmp/g.db" --rules "$root/rules" --quiet)" = 1
check "--quiet: the summary only" test "$(wc -l <"$tmp/err")" = 1
check "--quiet: summary counts the failure" grep -q "2 articles stored, 0 unchanged, 1 failed" "$tmp/err"
check "--quiet with --verbose is a usage error" test "$(code "$bin" run "$tmp/in" --db "$tmp/g.db" --quiet --verbose)" = 2
check "--progress off a terminal" test "$(code "$bin" run "$tmp/in" --db "$tmp/h.db" --rules "$root/rules" --progress)" = 1
check "--progress: rates and %" grep -q "articles/s, .* MB/s" "$tmp/err"
check "run --help: --verbose" test "$(code "$bin" run --help)" = 0
check "run --help: documents --verbose and the limits" grep -q -- "--verbose" "$tmp/out"
check "run --help: documents the limits" grep -q "16 MiB" "$tmp/out"

mkdir "$tmp/rules"
printf '[[rule]]\nid = "x"\ntype = "ratio"\npattern = "(a+"\n' >"$tmp/rules/bad.toml"
check "malformed rule refuses run" test "$(code "$bin" run "$root/corpus/seeds" --db "$tmp/d.db" --rules "$tmp/rules")" = 2
check "malformed rule names file:line" grep -q "bad.toml:1: rule \"x\": pattern: missing )" "$tmp/err"
check "no db written on refusal" test ! -e "$tmp/d.db"
printf '[[rule]]\nid = "x"\ntype = "ratio"\npattern = "a\n' >"$tmp/rules/bad.toml"
check "toml syntax error refuses run" test "$(code "$bin" run "$root/corpus/seeds" --db "$tmp/d.db" --rules "$tmp/rules")" = 2
check "toml error names file:line" grep -q "bad.toml:4" "$tmp/err"
check "rules test passes" test "$(code "$bin" rules test --rules "$root/rules")" = 0
# Issue 15: a missing file is an error, and the summary counts the rules run.
all_rules=$(sed -n 's/^rules [^:]*: \([0-9]*\) rules,.*/\1/p' "$tmp/out")
check "rules test of a missing file exits 2" test "$(code "$bin" rules test "$root/rules/nonexistent.toml" --rules "$root/rules")" = 2
check "rules test names the missing file" grep -q "nonexistent.toml: no such file" "$tmp/err"
check "rules test of a file outside the set exits 2" test "$(code "$bin" rules test "$root/README.md" --rules "$root/rules")" = 2
one=$(ls "$root"/rules/*.toml | head -n 1)
check "rules test of one file" test "$(code "$bin" rules test "$one" --rules "$root/rules")" = 0
n_one=$(sed -n 's/^rules [^:]*: \([0-9]*\) rules,.*/\1/p' "$tmp/out")
check "rules test of one file counts its rules" test "$n_one" = "$(grep -c '^\[\[rule\]\]' "$one")"
check "fewer rules than the whole set" test "${n_one:-0}" -lt "${all_rules:-0}"
check "explain" test "$(code "$bin" explain "đạt 296/845 nhiệm vụ" --rules "$root/rules")" = 0
check "explain shows the record" grep -q '"numerator":296' "$tmp/out"
check "explain shows the winning candidate" grep -q '^+ \[.*"296/845' "$tmp/out"
# Issue 13: explain ran the rules twice, and the second pass read the first
# one's publication date back as an "input.metadata" record that run never
# stores. One pass shows what run stores: the dateline.
seed=$(ls "$root"/corpus/seeds/001_*.txt)
"$bin" explain "$seed" --rules "$root/rules" >"$tmp/out" 2>&1
check "explain: the published record run stores" grep -q '"type":"published".*"rule":"published.dateline"' "$tmp/out"
check "explain: no second-pass metadata record" test -z "$(grep '"rule":"input.metadata"' "$tmp/out")"
check "explain of two texts" test "$(code "$bin" explain a b --rules "$root/rules")" = 2

check "reextract --help" test "$(code "$bin" reextract --help)" = 0
check "reextract help text" grep -q "extract stage" "$tmp/out"
check "reextract of current rules" test "$(code "$bin" reextract --db "$tmp/a.db" --rules "$root/rules" --quiet)" = 0
check "reextract summary" grep -q "0 articles re-extracted" "$tmp/err"
check "reextract needs --db" test "$(code "$bin" reextract --rules "$root/rules")" = 2

# ---- Issue 15 ----
# 5: a listing or home page is an outcome (counted, not stored), not an
# error: exit 0, the summary and stats name the listing pages.
mkdir "$tmp/site"
{
  printf '<html><body><div><p>Giới thiệu ngắn về chuyên mục.</p></div><ul>'
  for i in $(seq 1 40); do
    printf "<li><a href='/t%d'>Tin số %d về cải cách thủ tục hành chính cấp xã</a><div>Tóm tắt: tỉnh sắp xếp lại bộ máy, giảm đầu mối</div></li>" "$i" "$i"
  done
  printf '</ul></body></html>\n'
} >"$tmp/site/home.html"
cp "$root"/corpus/seeds/000_*.txt "$tmp/site/a.txt"
check "listing page: run exits 0" test "$(code "$bin" run "$tmp/site" --db "$tmp/l.db" --rules "$root/rules")" = 0
check "listing page: summary counts it" grep -q "1 articles stored, 0 unchanged, 0 failed, 1 listing pages not stored" "$tmp/err"
check "listing page: not an error" test -z "$(grep '^error:' "$tmp/err")"
check "listing page: stats shows it" test "$(code "$bin" stats --db "$tmp/l.db")" = 0
check "listing page: stats line" grep -q "latest run: 0 errors, 1 warnings, 1 listing pages not stored" "$tmp/out"
"$bin" stats --db "$tmp/l.db" --json >"$tmp/out"
check "listing page: stats --json" grep -q '"listings":1' "$tmp/out"
check "listing page: --verbose names it" test "$(code "$bin" run "$tmp/site" --db "$tmp/l2.db" --rules "$root/rules" --verbose)" = 0
check "listing page: named" grep -q "^warning: .*home.html: a listing or home page; not stored" "$tmp/err"
shared_html=$root/../../shared/html
[ -d "$shared_html" ] || shared_html=$root/../shared/html
if [ -d "$shared_html" ]; then
  check "run over shared/html exits 0" test "$(code "$bin" run "$shared_html" --db "$tmp/sh.db" --rules "$root/rules")" = 0
  check "run over shared/html reports listing pages" grep -q "[1-9][0-9]* listing pages not stored" "$tmp/err"
fi

# 2: a binary file named .html or .txt is refused by name, not decoded.
mkdir "$tmp/bin"
gzip -cn "$root/README.md" >"$tmp/bin/photo.html"
awk 'BEGIN { for (i = 0; i < 4000; i++) printf "%c", 1 + (i * 7) % 254 }' >"$tmp/bin/blob.txt"
check "binary input exits 1" test "$(code "$bin" run "$tmp/bin" --db "$tmp/bin.db" --rules "$root/rules")" = 1
check "binary .html refused by name" grep -q "photo.html: not text (NUL bytes); refused" "$tmp/err"
check "binary .txt refused by name" grep -q "blob.txt: not text (.* control characters in 4000 bytes); refused" "$tmp/err"
check "binary input: nothing stored" grep -q "0 articles stored, 0 unchanged, 2 failed; 0 records" "$tmp/err"
check "binary input recorded" test "$(sqlite3 "$tmp/bin.db" "select count(*) from run_issues where severity = 'error' and message like '%not text%'")" = 2

# 3: commands that only read work on a database they cannot write.
as_reader() {  # runs "$@" as a user who cannot write $tmp/ro* (root writes anywhere)
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
chmod 755 "$tmp"
mkdir "$tmp/ro" "$tmp/shared"
cp "$tmp/a.db" "$tmp/ro/a.db"
cp "$tmp/a.db" "$tmp/shared/a.db"
chmod 444 "$tmp/ro/a.db" "$tmp/shared/a.db"
chmod 555 "$tmp/ro"
chmod 1777 "$tmp/shared"
check "read-only place: stats" test "$(code as_reader "$bin" stats --db "$tmp/ro/a.db")" = 0
check "read-only place: stats counts" grep -q "^articles  5" "$tmp/out"
check "read-only place: the immutable note" grep -q "^note: .*read as immutable" "$tmp/err"
check "read-only place: export" test "$(code as_reader "$bin" export --db "$tmp/ro/a.db")" = 0
check "read-only place: same export" cmp -s "$tmp/out" "$tmp/one.jsonl"
check "read-only file: export" test "$(code as_reader "$bin" export --db "$tmp/shared/a.db" --format csv)" = 0
check "read-only file: no note" test ! -s "$tmp/err"
check "read-only file: stats" test "$(code as_reader "$bin" stats --db "$tmp/shared/a.db" --json)" = 0
check "read-only file: unchanged" cmp -s "$tmp/a.db" "$tmp/shared/a.db"
chmod 755 "$tmp/ro"

# 8: runs.command has the subcommand; stats lists the runs with their errors,
# so a clean reextract does not hide the run that had them.
"$bin" run "$tmp/in" --db "$tmp/r.db" --rules "$root/rules" --quiet 2>/dev/null
"$bin" reextract --db "$tmp/r.db" --rules "$root/rules" --force --quiet 2>/dev/null
check "runs.command: run" test "$(sqlite3 "$tmp/r.db" 'select command from runs where id = 1')" = "vnreform run $tmp/in --db $tmp/r.db --rules $root/rules --quiet"
check "runs.command: reextract" grep -q "^vnreform reextract --db" <(sqlite3 "$tmp/r.db" 'select command from runs where id = 2')
check "stats of runs" test "$(code "$bin" stats --db "$tmp/r.db")" = 0
check "stats: latest run clean" grep -q "latest run: 0 errors" "$tmp/out"
check "stats: the run with its error" grep -Eq "^ +1 .* 1  vnreform run $tmp/in" "$tmp/out"
check "stats: the reextract" grep -Eq "^ +2 .* 0  vnreform reextract" "$tmp/out"
"$bin" stats --db "$tmp/r.db" --json >"$tmp/out"
check "stats --json: run log" grep -q '"run_log":\[{"id":2,"command":"vnreform reextract' "$tmp/out"
check "stats --json: the first run's error" grep -q '{"id":1,"command":"vnreform run [^}]*"errors":1' "$tmp/out"

# 1: never a silent overwrite. A file under a second root whose key was
# read from the first takes its root's name in its key; a repeated JSONL id
# is refused by name; the same file under another root is the same article.
mkdir -p "$tmp/k1/x" "$tmp/k2/x"
printf 'đạt 296/845 nhiệm vụ\n' >"$tmp/k1/x/article.txt"
printf 'tăng 35,5%% so với năm trước\n' >"$tmp/k2/x/article.txt"
check "same key in two roots: exit 0" test "$(code "$bin" run "$tmp/k1" "$tmp/k2" --db "$tmp/k.db" --rules "$root/rules" --verbose)" = 0
check "same key in two roots: both stored" grep -q "2 articles stored, 0 unchanged, 0 failed" "$tmp/err"
check "same key in two roots: named" grep -q "^warning: .*k2/x/article.txt: key \"x/article.txt\" was read from .*k1/x/article.txt; stored as \"k2/x/article.txt\"" "$tmp/err"
check "same key in two roots: unique keys" test "$(sqlite3 "$tmp/k.db" "select key || ' ' || source from articles order by key" | tr '\n' '|')" = "k2/x/article.txt $tmp/k2/x/article.txt|x/article.txt $tmp/k1/x/article.txt|"
check "same key in two roots: rerun unchanged" test "$(code "$bin" run "$tmp/k1" "$tmp/k2" --db "$tmp/k.db" --rules "$root/rules")" = 0
check "same key in two roots: rerun stores nothing" grep -q "0 articles stored, 2 unchanged, 0 failed" "$tmp/err"
printf '{"id":"a","text":"đạt 296/845 nhiệm vụ"}\n{"id":"b","text":"tăng 5%%"}\n{"id":"a","text":"giảm 7%%"}\n' >"$tmp/dup.jsonl"
check "repeated JSONL id: exit 1" test "$(code "$bin" run "$tmp/dup.jsonl" --db "$tmp/j.db" --rules "$root/rules")" = 1
check "repeated JSONL id: named" grep -q "dup.jsonl:3: duplicate key \"a\", already read from .*dup.jsonl:1 in this run; not stored" "$tmp/err"
check "repeated JSONL id: counted" grep -q "2 articles stored, 0 unchanged, 1 failed" "$tmp/err"
check "repeated JSONL id: first line kept" test "$(sqlite3 "$tmp/j.db" "select norm from articles where key = 'a'")" = "đạt 296/845 nhiệm vụ"
check "repeated JSONL id: refusal recorded" test "$(sqlite3 "$tmp/j.db" "select count(*) from last_run_issues where message like '%duplicate key%'")" = 1
"$bin" run "$root/corpus" --db "$tmp/c2.db" --rules "$root/rules" --quiet 2>/dev/null
n_corpus=$(sqlite3 "$tmp/c2.db" "select count(*) from articles")
check "corpus/seeds after corpus/: exit 0" test "$(code "$bin" run "$root/corpus/seeds" --db "$tmp/c2.db" --rules "$root/rules" --verbose)" = 0
check "corpus/seeds after corpus/: nothing stored twice" test "$(sqlite3 "$tmp/c2.db" "select count(*) from articles")" = "$n_corpus"
check "corpus/seeds after corpus/: recognised" grep -q "0 articles stored, 5 unchanged" "$tmp/err"
check "corpus/seeds after corpus/: named" grep -q "^warning: .*seeds/000_.*: same content as article \"seeds/000_" "$tmp/err"

# 9: explain's offsets are code points, as the database's, and its records
# are what run stores (compared with export after a run of the same file).
printf 'đạt 296/845 nhiệm vụ\n' >"$tmp/x9.txt"
"$bin" explain "$tmp/x9.txt" --rules "$root/rules" >"$tmp/out" 2>&1
check "explain: candidate offsets in code points" grep -q '^+ \[4,20) .*"296/845 nhiệm vụ"' "$tmp/out"
"$bin" run "$tmp/x9.txt" --db "$tmp/x9.db" --rules "$root/rules" --quiet 2>/dev/null
"$bin" export --db "$tmp/x9.db" >"$tmp/x9.jsonl"
sed -n '/^== records/,$p' "$tmp/out" | tail -n +2 >"$tmp/x9.explain"
check "explain: records as run stores them" cmp -s "$tmp/x9.explain" "$tmp/x9.jsonl"
check "explain: the stored offsets" grep -q '"start":4,"end":20' "$tmp/x9.explain"

# 11: CSV exports carry provenance, keep each type's columns whatever the
# records hold, quote as RFC 4180, and read back with Python's csv module.
"$bin" export --db "$tmp/a.db" --format csv --bom --out "$tmp/all.csv"
"$bin" export --db "$tmp/a.db" --provenance --out "$tmp/all.jsonl"
check "csv --bom starts with the BOM" test "$(head -c 3 "$tmp/all.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "csv reads back as the JSONL" python3 - "$tmp/all.csv" "$tmp/all.jsonl" <<'PY'
import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, strict=True))
with open(sys.argv[2], encoding='utf-8') as f:
    recs = [json.loads(l) for l in f]
head = rows[0]
assert head[:3] == ['article', 'type', 'text'], head
for c in ['start', 'end', 'rule', 'article_url', 'article_title', 'article_published', 'article_locality', 'sentence']:
    assert c in head, c
assert len(set(head)) == len(head), head  # no provenance column hides a field's
assert len(rows) - 1 == len(recs), (len(rows), len(recs))
assert all(len(r) == len(head) for r in rows)
for row, rec in zip(rows[1:], recs):
    d = dict(zip(head, row))
    for k in ['article', 'type', 'text', 'rule', 'article_url', 'article_title', 'article_published', 'article_locality', 'sentence']:
        assert d[k] == str(rec.get(k) or ''), (k, d[k], rec.get(k))
    assert int(d['start']) == rec['start'] and int(d['end']) == rec['end']
    assert rec['text'] in rec['sentence'], rec
PY
check "csv lines end CRLF" test "$(head -n 1 "$tmp/all.csv" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n'
printf '{"id":"q","text":"Tỷ lệ \\"giải quyết đúng hạn\\" đạt 35,5%%, cao nhất."}\n' >"$tmp/q.jsonl"
"$bin" run "$tmp/q.jsonl" --db "$tmp/q.db" --rules "$root/rules" --quiet 2>/dev/null
"$bin" export --db "$tmp/q.db" --format csv --type percent --out "$tmp/q.csv"
"$bin" export --db "$tmp/q.db" --format csv --type ranking --out "$tmp/rank.csv"
"$bin" export --db "$tmp/a.db" --format csv --type ranking --out "$tmp/rank_a.csv"
check "a type's columns without its records" cmp -s <(head -n 1 "$tmp/rank.csv") <(head -n 1 "$tmp/rank_a.csv")
check "ranking columns named though none stored" grep -q "^article,type,text,.*rank.*,start,end,rule,article_url,article_title,article_published,article_locality,sentence" "$tmp/rank.csv"
check "quoted sentence reads back" python3 - "$tmp/q.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.DictReader(f, strict=True))
assert len(rows) == 1, rows
assert '"giải quyết đúng hạn" đạt 35,5%, cao nhất' in rows[0]['sentence'], rows[0]
assert rows[0]['article'] == 'q'
PY

# 10: --version, help topics and a man page from the same text as --help,
# bash completion made by the build next to the binary.
check "--version" test "$(code "$bin" --version)" = 0
check "--version: binary" grep -q "^vnreform [0-9]*\.[0-9]*\.[0-9]*$" "$tmp/out"
check "--version: schema" grep -q "^schema [1-9][0-9]*$" "$tmp/out"
check "--version: rule set" grep -q "^rules r-[0-9a-f]* (" "$tmp/out"
for c in $commands; do
  "$bin" "$c" --help >"$tmp/h1"
  "$bin" help "$c" >"$tmp/h2"
  check "help $c is $c --help" cmp -s "$tmp/h1" "$tmp/h2"
done
check "help of an unknown topic" test "$(code "$bin" help frobnicate)" = 2
check "help --man" test "$(code "$bin" help --man)" = 0
check "man page header" grep -q '^\.TH VNREFORM 1' "$tmp/out"
check "man page has every command" test "$(grep -c '^\.SS ' "$tmp/out")" = "$(echo $commands | wc -w)"
check "man page has the run help" grep -q "16 MiB" "$tmp/out"
comp=$(dirname "$bin")/vnreform.bash
check "the build made the completion" test -s "$comp"
check "the build made the man page" test -s "$(dirname "$bin")/vnreform.1"
complete_words() {  # complete_words WORD... : what completion offers for the last
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _vnreform; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@"
}
check "completes commands" test "$(complete_words vnreform ex | sort | tr '\n' ' ')" = "explain export "
check "completes a command's flags" test "$(complete_words vnreform export --fo)" = "--format"
check "completes rules try's flags" grep -q -- "--sample" <(complete_words vnreform rules --s)

# 12: rules try previews a rule file on stored articles and writes nothing.
mkdir "$tmp/try"
cat >"$tmp/try/task.toml" <<'TOML'
[[rule]]
id = "task.count"
type = "task"
pattern = '(?P<n>\d+) nhiệm vụ'
fields = { n = "int(n)" }
examples = [ { text = "hoàn thành 12 nhiệm vụ", match = "12 nhiệm vụ", fields = { n = 12 } } ]
counter_examples = ["hoàn thành nhiệm vụ"]
TOML
printf '# no rules: every percent record goes\n' >"$tmp/try/percent.toml"
sum_before=$(sha256sum "$tmp/a.db" | cut -d' ' -f1)
runs_before=$(sqlite3 "$tmp/a.db" "select count(*) from runs")
check "rules try of a new file" test "$(code "$bin" rules try "$tmp/try/task.toml" --db "$tmp/a.db" --rules "$root/rules")" = 0
check "rules try: the records it adds" grep -q '^+ .*: {"type":"task","text":"[0-9]* nhiệm vụ","n":[0-9]*,"rule":"task.count"}' "$tmp/out"
check "rules try: each with its sentence" test "$(grep -c '^    in: .' "$tmp/out")" = "$(grep -c '^[-+~] ' "$tmp/out")"
check "rules try: summary" grep -q "^rules try .*task.toml: 5 articles; [1-9][0-9]* records added, [0-9]* changed, [0-9]* removed; 0 example failures; nothing written" "$tmp/out"
check "rules try of an edited file" test "$(code "$bin" rules try "$tmp/try/percent.toml" --db "$tmp/a.db" --rules "$root/rules" --sample 2)" = 0
check "rules try: the records it removes" grep -q '^- .*: {"type":"percent"' "$tmp/out"
check "rules try: --sample" grep -q "percent.toml: 2 articles; 0 records added, [0-9]* changed, [1-9][0-9]* removed" "$tmp/out"
check "rules try wrote nothing" test "$(sha256sum "$tmp/a.db" | cut -d' ' -f1)" = "$sum_before"
check "rules try logged no run" test "$(sqlite3 "$tmp/a.db" "select count(*) from runs")" = "$runs_before"
check "rules try needs --db" test "$(code "$bin" rules try "$tmp/try/task.toml" --rules "$root/rules")" = 2
check "rules try of a missing file" test "$(code "$bin" rules try "$tmp/try/none.toml" --db "$tmp/a.db" --rules "$root/rules")" = 2
check "rules try names the missing file" grep -q "none.toml: no such file" "$tmp/err"

echo "$passed passed, $fails failed"
test "$fails" = 0
