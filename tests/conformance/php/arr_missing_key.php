<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// OutOfBoundsException on reading a missing dict key or vec index (caught as
// OutOfBoundsException, RuntimeException and Exception), including nested
// reads, reads in compound assignments, and writes past the end of a vec;
// state is unchanged after a failed operation. Messages are not printed.

function get(array $d, string $k): int {
  return hh_at($d, $k); // HH: missing key throws
}

function attempt(string $label, \Closure $f): void {
  try {
    $r = $f();
    echo $label, ": ok ", ($r === null) ? "null" : $r, "\n";
  } catch (OutOfBoundsException $e) {
    echo $label, ": OutOfBoundsException\n";
  }
}

function main(): void {
  $d = ['a' => 1, 'b' => 2];
  $v = [10, 20, 30];
  $nested = ['x' => [1, 2], 'y' => []];
  attempt("dict hit", fn() => $d['a']);
  attempt("dict miss", fn() => hh_at($d, 'c')); // HH
  attempt("dict miss in function", fn() => get($d, 'zz'));
  attempt("vec hit", fn() => $v[2]);
  attempt("vec past end", fn() => hh_at($v, 3)); // HH
  attempt("vec negative", fn() => hh_at($v, -1)); // HH
  attempt("nested hit", fn() => $nested['x'][1]);
  attempt("nested inner miss", fn() => hh_at($nested['x'], 2)); // HH
  attempt("nested outer miss", fn() => hh_at(hh_at($nested, 'q'), 0)); // HH
  attempt("empty vec", fn() => hh_at($nested['y'], 0)); // HH
  attempt("coalesce", fn() => $nested['q'][0] ?? -1);
  attempt("int key hit", fn() => [1 => 'one'][1]);
  attempt("string '1' is not int 1", fn() => hh_at([1 => 'one'], 'K')); // HH: Hack never coerces '1' to 1, so this read misses
  attempt("key case matters", fn() => hh_at(['k' => 'v'], 'K')); // HH

  try {
    $d['c'] = hh_at($d, 'c') + 1; // HH
    echo "compound on missing: no exception\n";
  } catch (OutOfBoundsException $e) {
    echo "compound on missing: OutOfBoundsException, count still ", count($d), "\n";
  }
  try {
    hh_vec_set($v, 3, 40); // HH
  } catch (OutOfBoundsException $e) {
    echo "vec write past end: OutOfBoundsException, count still ", count($v), "\n";
  }
  $v[2] = 33; // overwriting an existing index is fine
  $v[] = 40;  // appending is fine
  echo implode(",", $v), "\n";
  try {
    $x = hh_at($d, 'nope'); // HH
    echo "unreachable ", $x, "\n";
  } catch (RuntimeException $e) {
    echo "caught as RuntimeException: ", ($e instanceof OutOfBoundsException) ? "yes" : "no", "\n";
  }
  try {
    echo hh_at($v, 100), "\n"; // HH
  } catch (Exception|DivisionByZeroError $e) {
    echo "caught as Exception: ", hh_get_class($e), "\n";
  }
  $total = 0;
  foreach (['a', 'b', 'c', 'a'] as $k) {
    try {
      $total += hh_at($d, $k); // HH
    } catch (OutOfBoundsException $e) {
      $total += 1000;
    } finally {
      $total += 1;
    }
  }
  echo "total ", $total, "\n";
}

main();
