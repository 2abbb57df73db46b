<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// foreach and count through `mixed`: one compiled loop sees vecs (iterated inline), dicts and
// keysets (through the runtime); counted values (strings) survive the
// loop's copies; a vec appended to inside its own foreach (the loop walks the value it
// started with). Every phase runs hot enough to be compiled by every tier.

function sum_all(mixed $c): int {
  $t = 0;
  foreach ($c as $v) {
    $t += $v;
  }
  return $t;
}

function pairs(mixed $c): string {
  $s = "";
  foreach ($c as $k => $v) {
    $s .= $k . ":" . $v . ",";
  }
  return $s;
}

function n(mixed $c): int {
  return count($c);
}

function longest(array $rows): int {
  $best = 0;
  foreach ($rows as $r) {
    $len = 0;
    foreach ($r as $cell) {
      $len += strlen((string)$cell);
    }
    if ($len > $best) {
      $best = $len;
    }
  }
  return $best;
}

function main(): void {
  $cs = [[1, 2, 3], ["a" => 4, "b" => 5], hh_keyset([6, 7]), [], [], [8]];
  $t = 0;
  $c = 0;
  $s = "";
  for ($i = 0; $i < 3000; $i++) {
    foreach ($cs as $x) {
      $t += sum_all($x);
      $c += n($x);
      $p = pairs($x);
      if ($i === 0) {
        $s .= "[" . $p . "]";
      }
    }
  }
  echo $t, " ", $c, "\n", $s, "\n";
  $rows = [];
  for ($i = 0; $i < 50; $i++) {
    $rows[] = ["r" . $i, str_repeat("x", $i % 7), $i * 3];
  }
  $rows[] = ["k" => "dictrow", "j" => "longer string here"];
  $m = 0;
  for ($i = 0; $i < 2000; $i++) {
    $m += longest($rows);
  }
  echo $m, "\n";
  $v = [1, 2, 3];
  foreach ($v as $x) {
    $v[] = $x * 10;
  }
  echo count($v), " ", $v[5], "\n";
}

main();
