<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Writes through paths of int keys into nested vecs (`$g[$i][$j] = v`), as compiled code does
// them in place: rows shared with another variable are copied first (the other keeps its
// values), a row that is a dict or a missing index takes the general path (an error for a vec
// index past the end), and values that are the container itself or one of its rows are
// copies of what they were.

function fill(int $n): array {
  $g = [];
  for ($i = 0; $i < $n; $i++) {
    $row = [];
    for ($j = 0; $j < $n; $j++) { $row[] = $i * $n + $j; }
    $g[] = $row;
  }
  return $g;
}

function bump(array $g, int $times): array {
  $n = count($g);
  for ($t = 0; $t < $times; $t++) {
    for ($i = 0; $i < $n; $i++) {
      for ($j = 0; $j < $n; $j++) {
        $g[$i][$j] = $g[$i][$j] + ($i ^ $j) + $t;
      }
    }
  }
  return $g;
}

function sum(array $g): int {
  $s = 0;
  foreach ($g as $row) { foreach ($row as $v) { $s += $v; } }
  return $s;
}

function deep(array $d, int $k): array {
  for ($i = 0; $i < $k; $i++) {
    $d[$i % 2][$i % 3][$i % 4] = "s" . $i;
  }
  return $d;
}

function main(): void {
  $g = fill(6);
  $keep = $g;          // the whole grid shared
  $row = $g[2];        // one row shared
  $g = bump($g, 50);
  echo sum($g), " ", sum($keep), " ", array_sum($row), "\n";
  for ($r = 0; $r < 40; $r++) {
    $h = fill(4);
    $alias = $h[1];
    $h[1][1] = 100 + $r;
    $h[0][3] = $alias[2];
    echo $r === 39 ? $h[1][1] . " " . $alias[1] . " " . $h[0][3] . "\n" : "";
  }
  // The container itself and one of its rows as the value.
  $s = [[1, 2], [3, 4]];
  $s[0][1] = $s;
  $s[1][0] = $s[1];
  echo count($s[0][1]), " ", $s[0][1][1][1], " ", count($s[1][0]), " ", $s[1][1], "\n";
  // Strings held in the slots: the old ones are released, the new ones kept.
  $d = [];
  for ($a = 0; $a < 2; $a++) {
    $m = [];
    for ($b = 0; $b < 3; $b++) { $m[] = ["w", "x", "y", "z"]; }
    $d[] = $m;
  }
  $d = deep($d, 500);
  echo $d[1][2][3], " ", $d[0][0][0], " ", implode(",", $d[1][1]), "\n";
  // A dict on the way, and an index past the end.
  $mixed = [[0 => 1, 5 => 2], [7]];
  for ($i = 0; $i < 30; $i++) {
    $mixed[0][$i % 7] = $i;
    $mixed[1][0] = $i * 2;
  }
  echo count($mixed[0]), " ", $mixed[0][6], " ", $mixed[1][0], "\n";
  try {
    // Hand edit: a Hack vec raises for a write past its end; a PHP array would add the key.
    if (!array_key_exists(3, $mixed[1])) { throw new OutOfBoundsException("Out of bounds vec index 3"); }
    $mixed[1][3] = 9;
  } catch (OutOfBoundsException $e) {
    echo hh_get_class($e), "\n";
  }
  echo count($mixed[1]), "\n";
}

main();
