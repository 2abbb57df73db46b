#!/usr/bin/env bash
# Run the bundled example with a jsvm binary, print its output and wall time,
# and check the output against examples/demo.out.
#
#   scripts/demo.sh [JSVM_BINARY]    (default: target/release/jsvm)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jsvm="${1:-${CARGO_TARGET_DIR:-$root/target}/release/jsvm}"
prog="$root/examples/demo.hack"
want="$root/examples/demo.out"
[ -x "$jsvm" ] || { echo "demo: no jsvm binary at $jsvm (run: cargo build --release)" >&2; exit 1; }
out="$(mktemp)"; trap 'rm -f "$out"' EXIT

echo "\$ jsvm run examples/demo.hack"
start=$(date +%s.%N)
"$jsvm" run "$prog" | tee "$out"
rc=${PIPESTATUS[0]}
end=$(date +%s.%N)
echo "----"
awk -v a="$start" -v b="$end" -v rc="$rc" 'BEGIN { printf "wall time: %.3f s (exit status %d)\n", b - a, rc }'
if [ "$rc" -ne 0 ]; then
  echo "demo: jsvm exited with status $rc" >&2
  exit 1
fi
if cmp -s "$out" "$want"; then
  echo "output matches examples/demo.out"
else
  echo "demo: output differs from examples/demo.out:" >&2
  diff -u "$want" "$out" | head -40 >&2
  exit 1
fi
