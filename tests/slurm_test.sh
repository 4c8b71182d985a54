#!/usr/bin/env bash
# Issue 18 on Slurm: a private single-node cluster (scripts/slurm/cluster),
# a plan of 4 shards submitted as a job array (scripts/slurm/shard.sbatch)
# with one task made to fail (a wrapper fails shard 2's first attempt), the
# merge step after it (merge.sbatch, afterany) naming the missing shard,
# `plan --missing` giving its index, that index resubmitted and merged: the
# final database equals one run (export as JSONL and CSV). Exits 77 (ctest
# skip) when Slurm is not installed or cannot start here.
# usage: tests/slurm_test.sh VNREFORM
set -uo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
cluster=$tmp/cluster
trap '"$root/scripts/slurm/cluster" stop "$cluster"; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
# shellcheck source=support/check.sh
source "$root/tests/support/check.sh"
"$root/scripts/slurm/cluster" start "$cluster" >cluster.out
rc=$?
((rc == 77)) && exit 77
((rc == 0)) || { echo "FAIL: the cluster script failed ($rc)"; exit 1; }
export SLURM_CONF=$cluster/slurm.conf

# Inputs: the seeds and 300 generated articles in a JSONL file.
mkdir -p in && cp -r "$root/corpus/seeds" in/ || exit 2
awk 'BEGIN {
  for (i = 1; i <= 300; i++) {
    a = (i * 37) % 900 + 10; b = a + (i * 53) % 500 + 1
    printf "{\"id\":\"s-%04d\",\"title\":\"Bài %d\",\"text\":\"Ngày %d/%d/2024, tỉnh đã giải quyết %d/%d hồ sơ thủ tục hành chính, đạt %.1f%%.\"}\n", i, i, i % 28 + 1, i % 12 + 1, a, b, 100 * a / b
  }
}' >in/s.jsonl
"$bin" run in --db one.db --threads 2 --quiet 2>/dev/null
"$bin" export --db one.db --format jsonl >one.jsonl && "$bin" export --db one.db --format csv >one.csv

mkdir -p job
"$bin" plan --shards 4 --out job/plan.json in 2>/dev/null
check "plan" test -s job/plan.json
# The binary the tasks run: shard 2 fails the first time, as a task whose
# node went away would.
cat >wrapper <<WRAP
#!/usr/bin/env bash
if [[ \${SLURM_ARRAY_TASK_ID:-} == 2 && ! -e $tmp/failed-once ]]; then
  touch $tmp/failed-once
  echo "wrapper: shard 2 fails this time" >&2
  exit 3
fi
exec "$bin" "\$@"
WRAP
chmod +x wrapper
export VNREFORM=$tmp/wrapper
array=$(sbatch --parsable --array=0-3 --chdir="$tmp" -o "$tmp/shard-%a.out" \
  "$root/scripts/slurm/shard.sbatch" job/plan.json)
check "array submitted" test -n "$array"
# --wait: returns when the merge step has run, after every task ended.
sbatch --wait --dependency=afterany:"$array" --chdir="$tmp" -o "$tmp/merge.out" \
  "$root/scripts/slurm/merge.sbatch" job/plan.json "$tmp/merged.db" >/dev/null
check "merge step names shard 2 as missing" grep -q "missing shards 2" merge.out
check "merge step merged the 3 others" grep -q "3 of 4 parts merged" merge.out
missing=$("$bin" plan --missing job/plan.json 2>/dev/null)
check "plan --missing gives 2" test "$missing" = 2
again=$(sbatch --parsable --array="$missing" --chdir="$tmp" -o "$tmp/again-%a.out" \
  "$root/scripts/slurm/shard.sbatch" job/plan.json)
sbatch --wait --dependency=afterok:"$again" --chdir="$tmp" -o "$tmp/merge2.out" \
  "$root/scripts/slurm/merge.sbatch" job/plan.json "$tmp/merged.db" >/dev/null
check "second merge takes shard 2" grep -q "1 of 4 parts merged, 3 merged before" merge2.out
check "plan --missing gives none" test -z "$("$bin" plan --missing job/plan.json 2>/dev/null)"
"$bin" export --db merged.db --format jsonl >merged.jsonl
"$bin" export --db merged.db --format csv >merged.csv
check "merged = one run (jsonl)" cmp -s one.jsonl merged.jsonl
check "merged = one run (csv)" cmp -s one.csv merged.csv
if ((failed)); then
  for f in shard-*.out again-*.out merge*.out; do echo "== $f"; cat "$f"; done
fi
exit $failed
