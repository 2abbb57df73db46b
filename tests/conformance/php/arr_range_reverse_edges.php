<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// range() of non-numeric strings longer than one byte (the characters between their first
// bytes, as PHP 8.2 and HHVM), of numeric and mixed strings; array_reverse with
// preserve_keys on a vec (a dict keyed n-1..0), without it, and on a dict.
function main(): void {
  foreach ([['aa', 'cc'], ['A', 'Cx'], ['z', 'wq'], ['a', '1'], ['1', 'a'], [' 1', '3'], ['1.5', 'c'], ['x', 'x'], ['', 'c']] as $p) {
    $r = range($p[0], $p[1]);
    echo count($r), ":", implode(",", $r), "\n";
  }
  echo implode(",", range('a', 'k', 3)), "|", implode(",", range('aq', 'e', 2)), "\n";
  $r = array_reverse([10, 20, 30], true);
  foreach ($r as $k => $v) { echo $k, "=>", $v, " "; }
  echo "\n", $r[0], " ", count($r), "\n";
  $r = array_reverse([10, 20, 30]);
  foreach ($r as $k => $v) { echo $k, "=>", $v, " "; }
  echo "\n";
  $r = array_reverse([5 => 'a', 'k' => 'b', 9 => 'c'], true);
  foreach ($r as $k => $v) { echo $k, "=>", $v, " "; }
  echo "\n";
  echo count(array_reverse([], true)), "\n";
}

main();
