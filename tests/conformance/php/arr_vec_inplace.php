<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Element writes and appends on vecs, as compiled code does them in place: on a vec that one
// variable alone holds the write changes it where it is; on a shared vec (another variable, a
// caller's argument, a literal) it copies first, so every other holder still sees the old
// elements. Replaced elements are released (strings, nested vecs, objects), appends grow past
// the capacity, a loop variable that starts from an element stays an int through the loop,
// and a write out of bounds or at a negative index throws OutOfBoundsException.

final class Counter {
  public function __construct(public int $n) {}
}

function reverse_in_place(array $v): array {
  $i = 0;
  $j = count($v) - 1;
  while ($i < $j) {
    $t = $v[$i];
    $v[$i] = $v[$j];
    $v[$j] = $t;
    $i++;
    $j--;
  }
  return $v;
}

// Fannkuch's flip count: `$j` starts from an element and is only decremented.
function flips(array $perm): int {
  $flips = 0;
  $k = $perm[0];
  while ($k !== 0) {
    $i = 0;
    $j = $k;
    while ($i < $j) {
      $t = $perm[$i];
      $perm[$i] = $perm[$j];
      $perm[$j] = $t;
      $i++;
      $j--;
    }
    $flips++;
    $k = $perm[0];
  }
  return $flips;
}

function fill(int $n, mixed $x): array {
  $v = [];
  for ($i = 0; $i < $n; $i++) {
    $v[] = $x;
  }
  return $v;
}

function grow(int $n): array {
  $g = [];
  for ($i = 0; $i < $n; $i++) {
    $g[] = $i * $i;
  }
  return $g;
}

function rewrite_strings(array $v, int $rounds): array {
  for ($r = 0; $r < $rounds; $r++) {
    for ($i = 0; $i < count($v); $i++) {
      $v[$i] = $v[$i] . $r;
      if (strlen($v[$i]) > 6) {
        $v[$i] = "s" . $i;
      }
    }
  }
  return $v;
}

function set_at(array $v, int $i, mixed $x): array {
  // Hand edit: a vec write out of bounds throws in Hack; PHP would add the key.
  if ($i < 0 || $i >= count($v)) { throw new OutOfBoundsException(); }
  $v[$i] = $x;
  return $v;
}

function set_any(mixed $c, int $i, mixed $x): mixed {
  $c[$i] = $x;
  return $c;
}

function show(array $v): string {
  $parts = [];
  foreach ($v as $x) {
    $parts[] = hh_is_vec($x) ? "[" . show($x) . "]" : (string)$x;
  }
  return implode(",", $parts);
}

function main(): void {
  // A literal is shared with the program: writes copy it.
  $a = [1, 2, 3, 4, 5];
  $b = reverse_in_place($a);
  echo "a: ", show($a), " b: ", show($b), "\n";
  $c = $b;
  $c[0] = 99;
  $c[] = 6;
  echo "b: ", show($b), " c: ", show($c), "\n";

  // Hot enough to be compiled by every tier.
  $total = 0;
  $last = [];
  for ($r = 0; $r < 3000; $r++) {
    $p = [3, 1, 4, 0, 2];
    $x = $r % 5;
    $y = ($r * 3 + 1) % 5;
    $t = $p[$x];
    $p[$x] = $p[$y];
    $p[$y] = $t;
    $total += flips($p);
    $last = reverse_in_place($p);
  }
  echo "flips: ", $total, " last: ", show($last), "\n";

  // Objects: the same one in three slots; replacing one slot keeps the others.
  $objs = fill(3, new Counter(1));
  $objs2 = $objs;
  $objs[1] = new Counter(2);
  $first = $objs[0];
  $first->n = 7;
  echo "objs: ";
  foreach ($objs as $o) {
    echo ($o)->n, " ";
  }
  echo "objs2: ";
  foreach ($objs2 as $o) {
    echo ($o)->n, " ";
  }
  echo "\n";

  // Nested vecs: the replaced row lives on in the variable that holds it.
  $m = [[1], [2, 3]];
  $row = $m[0];
  $m[0] = [9];
  $m[1] = $row;
  echo "m: ", show($m), " row: ", show($row), "\n";

  // Strings replaced over and over (each round releases the previous ones).
  $words = ["a", "bb", "ccc"];
  $w2 = rewrite_strings($words, 50);
  echo "words: ", show($words), " -> ", show($w2), "\n";

  // Appends past the capacity, to a vec and to a copy of it.
  $g = grow(1000);
  $h = $g;
  $h[] = -1;
  $h[0] = -2;
  $sum = 0;
  foreach ($g as $x) {
    $sum += $x;
  }
  echo "g: ", count($g), " ", $g[0], " ", $g[999], " ", $sum, " h: ", count($h), " ", $h[0], " ",
    $h[1000], "\n";

  // Many small writes through a function, then out of bounds and negative indexes.
  $v = [0, 0, 0];
  for ($i = 0; $i < 3000; $i++) {
    $v = set_at($v, $i % 3, $i);
  }
  echo "v: ", show($v), "\n";
  foreach ([3, -1, 100] as $k) {
    try {
      $v = set_at($v, $k, 1);
      echo "set ", $k, "\n";
    } catch (OutOfBoundsException $e) {
      echo "index ", $k, ": OutOfBoundsException\n";
    }
  }
  echo "v: ", show($v), "\n";

  // The same write on a dict and on a vec through a mixed container.
  $d = set_any([0 => "x"], 5, "y");
  $e = set_any(["x", "z"], 1, "y");
  echo "d: ", count($d), " e: ", show($e), "\n";
}

main();
