#!/usr/bin/env bash
# Regenerate expected outputs (NAME.out, and NAME.err + NAME.status for programs
# that end with an uncaught exception) from the PHP 8.2 translations php/NAME.php.
# Tests whose .hack has `// oracle: hand` on line 2 have no translation: their
# .out files were written by reasoning/Python and are left alone.
# For uncaught TypeErrors no .err is written (PHP's message differs from HHVM's),
# only NAME.status; check.sh then compares just stdout and the exit status.
#
#   bash php/gen.sh
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$(dirname "$here")"
fail=0
for php in "$here"/*.php; do
  name="$(basename "$php" .php)"
  case "$name" in prelude*) continue;; esac
  if [ ! -f "$dest/$name.hack" ]; then
    echo "skip $name: no $name.hack"; continue
  fi
  if head -n 3 "$dest/$name.hack" | grep -q 'oracle: hand'; then
    echo "skip $name: hand oracle"; continue
  fi
  out="$(mktemp)"; err="$(mktemp)"
  php -n -d precision=14 -d serialize_precision=14 -d display_errors=stderr "$php" >"$out" 2>"$err"
  rc=$?
  if [ $rc -eq 99 ] || { [ $rc -ne 0 ] && [ $rc -ne 255 ]; }; then
    echo "ERROR $name: php exited $rc"; cat "$err"; fail=1; rm -f "$out" "$err"; continue
  fi
  cp "$out" "$dest/$name.out"
  rm -f "$dest/$name.err" "$dest/$name.status"
  if [ $rc -eq 255 ]; then
    echo 255 >"$dest/$name.status"
    if ! head -n 1 "$err" | grep -q 'Uncaught TypeError'; then
      head -n 1 "$err" >"$dest/$name.err"
    fi
  fi
  rm -f "$out" "$err"
  echo "ok   $name (exit $rc)"
done
exit $fail
