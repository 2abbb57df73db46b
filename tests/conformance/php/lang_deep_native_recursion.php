<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Recursion that nests the interpreter natively: a memoized function calling itself, and a
// function recursing through a builtin's callback (Vec\map), 5,000 deep (debug builds, which the tests run, have large frames); the bound is the
// thread's stack, not a count of nested calls (they stopped at ~1,000 before).
function d(int $n): int { return $n == 0 ? 0 : 1 + d($n - 1); }
function s(int $n): int { return $n == 0 ? 0 : Vec\map([$n], fn($x) => 1 + s($x - 1))[0]; }
function main(): void {
  echo d(1000), " ", d(5000), " ", s(1000), " ", s(5000), "\n";
}

main();
