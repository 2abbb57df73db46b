#!/usr/bin/env bash
# Run the bundled example with a jsvm binary, print its output and wall time,
# and check the output against examples/demo.out; then Jump-Start on the warm-up
# workload: a seeder run writes a profile, `profile-info` summarizes it, and a
# consumer in a new process compiles from it at start-up, storing the objects in an
# object cache that a second consumer loads them from (same output checked).
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

# Jump-Start: seed, inspect, consume.
server="$root/tools/warmup/server.hack"
dir="$(mktemp -d)"; trap 'rm -f "$out"; rm -rf "$dir"' EXIT
jsp="$dir/server.jsp"
first10() { awk '/^request / && $2 < 10 { s += $3 } END { printf "%.1f ms", s / 1e6 }' "$1"; }
echo
echo "\$ jsvm run --jumpstart-mode=seed --jumpstart=server.jsp tools/warmup/server.hack"
"$jsvm" run --jumpstart-mode=seed --jumpstart="$jsp" "$server" > "$dir/seed.out" || { echo "demo: seeder failed" >&2; exit 1; }
tail -1 "$dir/seed.out"
echo "\$ jsvm profile-info server.jsp   (first lines)"
"$jsvm" profile-info "$jsp" | head -14
echo "\$ jsvm run tools/warmup/server.hack   (no profile: the auto tier profiles first)"
"$jsvm" run "$server" > "$dir/auto.out" || { echo "demo: auto run failed" >&2; exit 1; }
echo "first 10 requests: $(first10 "$dir/auto.out")"
# Two consumers sharing an object cache: the first compiles its batch and stores the objects,
# the second (a later restart on the same machine) loads them without running LLVM.
for run in 1 2; do
  echo "\$ jsvm run --jumpstart-mode=consume-or-fail --jumpstart=server.jsp --object-cache=objects --stats tools/warmup/server.hack   (consumer $run)"
  "$jsvm" run --jumpstart-mode=consume-or-fail --jumpstart="$jsp" --object-cache="$dir/objects" --stats "$server" \
    > "$dir/consume$run.out" 2> "$dir/consume$run.err" \
    || { cat "$dir/consume$run.err" >&2; echo "demo: consumer $run failed" >&2; exit 1; }
  grep -E '^jsvm: (jumpstart|object cache)' "$dir/consume$run.err" | grep -v 'area \|MADV'
  echo "first 10 requests: $(first10 "$dir/consume$run.out")"
done
for f in auto consume1 consume2; do
  if [ "$(tail -1 "$dir/$f.out")" != "$(tail -1 "$dir/seed.out")" ]; then
    echo "demo: the $f run's checksum differs from the seeder's" >&2
    exit 1
  fi
done
echo "checksums match (seeder, auto, consumers)"
