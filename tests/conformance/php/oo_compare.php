<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Objects under <, <=, >, >=, <=> (and sorting, max): one class compares property by property in
// declaration order; different classes are unordered: 1 both ways, as PHP 8 (recent HHVM throws).
class P { public function __construct(public int $a, public string $b = 'x') {} }
class Q { public function __construct(public int $a) {} }
function main(): void {
  $p1 = new P(1); $p2 = new P(2); $p3 = new P(1, 'y'); $q = new Q(1);
  var_dump($p1 < $p2, $p2 < $p1, $p1 <= $p1, $p1 <=> $p3, $p3 <=> $p1, $p1 > $p3);
  var_dump($p1 < $q, $q < $p1, $p1 <=> $q, $q <=> $p1, $p1 == new P(1));
  $v = [new P(3), new P(1), new P(2), new P(1, 'a')];
  $s = Vec\sort($v);
  foreach ($s as $o) { echo $o->a, $o->b, " "; }
  echo "\n";
  $m = max([new P(3), new P(5), new P(4)]);
  echo $m->a, "\n";
}

main();
