<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Closures called through a variable with few and many values: captures plus arguments below,
// at and past the eight a call keeps on the stack; references counted right (strings and vecs
// captured and passed survive the calls).

function run_all(array $fs, int $n): string {
  $len = 0;
  $last = [];
  for ($i = 0; $i < $n; $i++) {
    $last = [];
    foreach ($fs as $f) {
      $s = $f($i);
      $len += strlen($s);
      $last[] = $s;
    }
  }
  return $len . " " . implode(" | ", $last);
}

function main(): void {
  $a = "a"; $b = 2; $c = [1, 2, 3]; $d = 4.5; $e = "e"; $g = true; $h = 7; $k = "k";
  $none = fn(int $x) => "none " . $x;
  $three = fn(int $x) => "three " . ($x + $b) . $a . count($c);
  // 7 captures + 1 argument = 8.
  $seven = fn(int $x) => "seven " . $a . $b . count($c) . $d . $e . ($g ? "t" : "f") . ($h + $x);
  // 8 captures + 1 argument = 9.
  $eight = fn(int $x) => "eight " . $a . $b . count($c) . $d . $e . ($g ? "t" : "f") . $h . $k . $x;
  echo run_all([$none], 3), "\n";
  echo run_all([$three, $seven], 50), "\n";
  echo run_all([$eight, $three, $none, $seven], 2000), "\n";
  $many = fn(int $x, string $y, array $z, float $w) =>
    $a . $b . count($c) . $d . $e . $h . $k . $x . $y . count($z) . $w;
  $last = "";
  for ($i = 0; $i < 1000; $i++) {
    $last = $many($i, "y" . $i, [$i, $i], 0.5);
  }
  echo $last, "\n";
  echo $a, $b, count($c), $d, $e, $h, $k, "\n";
}

main();
