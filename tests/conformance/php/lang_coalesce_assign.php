<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// `??=` evaluates the parts of its target once (index expressions with effects, `$i++`) and
// writes only when the target was null or missing: locals, vec and dict elements, nested dicts,
// properties and dict-valued properties; hot.
function k(int $i): int { echo "k"; return $i; }
class Box { public ?int $n = null; public array $d = []; }
function main(): void {
  $arr = [10, 20];
  $arr[k(0)] ??= 99; echo " ", $arr[0], "\n";
  $i = 0; $arr[$i++] ??= 99; echo $i, "\n";
  $d = []; $d[k(3)] ??= 5; echo " ", $d[3], "\n";
  $d[k(3)] ??= 6; echo " ", $d[3], "\n";
  $b = new Box();
  $b->n ??= 7; $b->n ??= 8; echo $b->n, "\n";
  $b->d['x'] ??= [1]; $b->d['x'] ??= [2]; echo count($b->d['x']), $b->d['x'][0], "\n";
  $u = null; $u ??= "set"; echo $u, "\n";
  $nested = ['a' => []];
  $nested['a'][k(1)] ??= 4; echo " ", $nested['a'][1], "\n";
  $t = 0;
  for ($j = 0; $j < 3000; $j++) { $m = []; $m[$j % 7] ??= $j; $m[$j % 7] ??= -1; $t += $m[$j % 7]; }
  echo $t, "\n";
}

main();
