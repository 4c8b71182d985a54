# Sourced by the shell tests: check NAME COMMAND... runs COMMAND, prints
# "ok   NAME" or "FAIL: NAME", and on failure sets failed=1 (the test exits
# with it at the end).
failed=0
check() {
  local name=$1
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL: $name"; failed=1; fi
}
