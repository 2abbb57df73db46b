<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// `++` on a string makes a new string ("x9" -> "y0", "Zz" -> "AAa"); the old one stays where it
// was stored (vecs, dicts, keysets, objects), and the new one is counted like any other. (Its
// type said "static string": stored uncounted into containers, it was freed while they held it.)

class Box {
  public function __construct(public string $s) {}
}

function keep(string $s): array {
  return [$s, $s];
}

function main(): void {
  // The shortest program that crashed (about half the runs, by where the heap's pages were).
  $j = "x0";
  for ($x = 0; $x < 4000; $x++) {
    $p = [$j];
    $w = [$j];
    $d = ['a' => 1];
    $j++;
  }
  echo $j, "\n";
  $i = "x0";
  $seen = [];
  $byname = [];
  $boxes = [];
  $keys = hh_keyset([]);
  for ($n = 0; $n < 3000; $n++) {
    $p = [$n, $i];
    $w = keep($i);
    $d = ['a' => [$n], 'b' => $i];
    if ($n % 97 === 0) {
      $seen[] = $p[1];
      $byname[$w[0]] = $d['b'];
      $boxes[] = new Box($i);
      $keys[$i] = $i; // keyset append
    }
    $i++;
  }
  echo $i, "\n";
  echo implode(',', $seen), "\n";
  echo count($byname), ' ', count($keys), ' ', array_keys($byname)[0], ' ', C\last($keys), "\n";
  $all = '';
  foreach ($boxes as $b) {
    $all .= $b->s;
  }
  echo $all, "\n";
  // Letters and digits carry; other characters stop the carry; the empty string becomes "1".
  foreach (['a', 'z', 'Zz', 'a9', 'zz99', 'A-z', '', 'Az9'] as $s) {
    $t = $s;
    $t++;
    echo '"', $s, '" -> "', $t, '"', "\n";
  }
}

main();
