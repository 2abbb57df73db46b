<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// foreach over vec/dict/keyset with and without keys, int and string keys
// in insertion order, list() destructuring (nested, a `$_` slot, in
// foreach bodies, swapping), Vec\zip pairs, building dicts while iterating.

function main(): void {
  $v = ["zero", "one", "two"];
  foreach ($v as $i => $s) { echo $i, "=", $s, " "; }
  echo "\n";
  $d = ['b' => 2, 'a' => 1, 10 => 'ten', 'c' => 3, 5 => 'five'];
  foreach ($d as $k => $x) { echo $k, "=>", $x, " "; }
  echo "\n";
  foreach ($d as $x) { echo $x, ";"; }
  echo "\n";
  $d['a'] = 100;     // overwrite keeps position
  unset($d['b']);
  $d['b'] = 200;     // re-insert goes to the end
  echo implode(",", Vec\keys($d)), " | ", implode(",", $d), "\n";
  $ks = hh_keyset([3, 1, 2, 1, 3]);
  foreach ($ks as $k => $x) { echo $k, ":", $x, " "; }
  echo "\n";

  list($a, $b, $c) = $v;
  echo $c, $b, $a, "\n";
  list($_, $second) = $v;
  echo $second, "\n";
  list($p, list($q, $r)) = [1, [2, 3]];
  echo $p + $q + $r, "\n";
  $x = 1;
  $y = 2;
  list($x, $y) = [$y, $x];
  echo $x, $y, "\n";

  $pairs = [["ann", 31], ["bob", 27], ["cy", 45]];
  $ages = [];
  foreach ($pairs as $pair) {
    list($name, $age) = $pair;
    $ages[$name] = $age;
  }
  foreach ($ages as $name => $age) { echo $name, " is ", $age, "; "; }
  echo "\n";
  foreach (Vec\zip(["x", "y", "z"], [10, 20, 30, 40]) as $i => $zz) {
    list($label, $num) = $zz;
    echo $i, ":", $label, $num, " ";
  }
  echo "\n";
  // nested foreach with keys, building a transposed dict
  $grid = ['r1' => ['c1' => 1, 'c2' => 2], 'r2' => ['c1' => 3, 'c2' => 4]];
  $t = [];
  foreach ($grid as $rk => $row) {
    foreach ($row as $ck => $val) {
      if (!C\contains_key($t, $ck)) { $t[$ck] = []; }
      $t[$ck][$rk] = $val;
    }
  }
  foreach ($t as $ck => $col) {
    echo $ck, ": ";
    foreach ($col as $rk => $val) { echo $rk, "=", $val, " "; }
    echo "\n";
  }
  // iterating a copy: modifications inside the loop do not affect iteration
  $nums = [1, 2, 3];
  $seen = 0;
  foreach ($nums as $n) {
    $nums[] = $n;
    $seen++;
  }
  echo $seen, " ", count($nums), "\n";
  // break/continue in foreach over dict
  $sum = 0;
  foreach (['a' => 1, 'b' => -1, 'c' => 5, 'd' => 100, 'e' => 7] as $k => $n) {
    if ($n < 0) { continue; }
    if ($n > 50) { break; }
    $sum += $n;
  }
  echo "sum ", $sum, "\n";
  foreach ([] as $never) { echo "never\n"; }
  foreach ([] as $k => $never) { echo "never\n"; }
  echo "done\n";
}

main();
