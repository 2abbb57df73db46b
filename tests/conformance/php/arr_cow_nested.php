<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Value semantics and copy-on-write of vec/dict/keyset: copies on
// assignment, parameter passing, return, capture, nested writes two and
// three levels deep (`$d['a'][] = 1`, `$m[1][2] = x`), containers inside
// objects vs objects inside containers.

final class Box {
  public function __construct(public array $items) {}
}

function add_one(array $v): array {
  $v[] = 1;
  return $v;
}

function bump_all(array $d): array {
  foreach ($d as $k => $v) {
    $d[$k][] = count($v);
  }
  return $d;
}

function show(mixed $x): string {
  if (hh_is_vec($x)) {
    return "[" . implode(",", Vec\map($x, fn($e) => show($e))) . "]";
  }
  if (hh_is_dict($x)) {
    $parts = [];
    foreach ($x as $k => $v) { $parts[] = $k . ":" . show($v); }
    return "{" . implode(",", $parts) . "}";
  }
  return (string)$x;
}

function main(): void {
  $a = [1, 2, 3];
  $b = $a;
  $b[] = 4;
  $b[0] = 100;
  echo show($a), " ", show($b), "\n";
  $c = add_one($a);
  echo show($a), " ", show($c), "\n";

  $d = ['x' => [1], 'y' => []];
  $e = $d;
  $e['x'][] = 2;
  $e['y'][] = 9;
  $e['z'] = [7];
  echo show($d), " ", show($e), "\n";
  echo show(bump_all($e)), " ", show($e), "\n";

  $m = [[0, 0, 0], [0, 0, 0]];
  $rows = $m;
  $m[1][2] = 5;
  $m[0][0] += 3;
  echo show($m), " ", show($rows), "\n";

  $deep = ['a' => ['b' => ['c' => [1]]]];
  $copy = $deep;
  $deep['a']['b']['c'][] = 2;
  $deep['a']['b']['d'] = [3];
  echo show($deep), " ", show($copy), "\n";

  $row = $m[1];
  $row[] = 99;
  echo count($m[1]), " ", count($row), "\n";

  $ks = hh_keyset(['a', 'b']);
  $ks2 = $ks;
  $ks2[] = 'c';
  echo count($ks), " ", count($ks2), "\n";

  $v = [1, 2];
  $f = fn() => count($v);
  $v[] = 3;
  echo $f(), " ", count($v), "\n";

  $box = new Box([1]);
  $alias = $box;
  $alias->items[] = 2;
  $snapshot = $box->items;
  $box->items[] = 3;
  echo show($box->items), " ", show($snapshot), "\n";

  $boxes = [new Box([]), new Box([])];
  $boxes2 = $boxes;
  $boxes2[0]->items[] = 42;
  $boxes2[] = new Box([7]);
  echo count($boxes), " ", count($boxes2), " ", show($boxes[0]->items), "\n";

  $loop = [1, 2, 3];
  foreach ($loop as $i => $x) {
    $loop[] = $x * 10;
    if ($i > 5) { break; }
  }
  echo show($loop), "\n";
  echo $a === [1, 2, 3] ? "a unchanged" : "a changed", ", ", $d == ['x' => [1], 'y' => []] ? "d unchanged" : "d changed", "\n";
}

main();
