#!/usr/bin/env bash
# rules/README.md documents every key the rule loader accepts (the lists in
# src/extract/toml_rules.cc), and the order preview, test, reextract.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
readme=$root/rules/README.md
src=$root/src/extract/toml_rules.cc
fails=0 passed=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; fails=$((fails + 1)); fi
}
# The rule keys: the KnownKeys() set.
keys=$(sed -n '/^const std::set<std::string>& KnownKeys() {/,/return kKeys/p' "$src" | grep -o '"[a-z_]*"' | tr -d '"')
check "rule keys found in $src" test "$(echo "$keys" | wc -w)" -gt 10
for k in $keys; do check "rule key $k in the table" grep -q "^| \`$k\` |" "$readme"; done
# The [[link]] keys: those the loader reads.
links=$(sed -n '/l->type = /,/max_gap/p' "$src" | grep -o '(\*t)\["[a-z_]*"\]' |
  grep -o '"[a-z_]*"' | tr -d '"' | sort -u)
check "link keys found" test "$(echo "$links" | wc -w)" -ge 7
for k in $links; do check "link key $k in the table" grep -q "^| \`$k\` |" "$readme"; done
line() { grep -n -- "$1" "$readme" | head -n 1 | cut -d: -f1; }
try=$(line 'vnreform rules try') test=$(line 'vnreform rules test rules/') re=$(line 'vnreform reextract --db')
check "preview documented" test -n "$try"
check "preview, then test, then reextract" test "${try:-0}" -lt "${test:-0}" -a "${test:-0}" -lt "${re:-0}"
echo "$passed passed, $fails failed"
test "$fails" = 0
