<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Closures: implicit capture by value in lambdas (snapshot at creation),
// explicit `function() use`, capturing objects (shared) vs vecs (copied),
// closures stored in dicts and vecs, returned from functions, composed,
// curried, recursive via a holder object, and called immediately.

final class Holder {
  public ?\Closure $f = null;
}

function make_multiplier(int $k): \Closure {
  return fn($x) => $x * $k;
}

function compose(array $fs): \Closure {
  return fn($x) => C\reduce($fs, fn($acc, $f) => $f($acc), $x);
}

function curry3(\Closure $f): \Closure {
  return fn($a) => fn($b) => fn($c) => $f($a, $b, $c);
}

final class Counter {
  public int $count = 0;
}

function main(): void {
  $base = 10;
  $add = fn($x) => $x + $base;
  $base = 1000;
  echo $add(1), "\n";

  $old = function(int $x) use ($base): int { return $x - $base; };
  $base = 0;
  echo $old(1), "\n";

  $list = [1, 2, 3];
  $sumNow = fn() => array_sum($list);
  $list[] = 100;
  echo $sumNow(), " ", array_sum($list), "\n";

  $c = new Counter();
  $inc = function() use ($c) { $c->count++; return $c->count; };
  $inc();
  $inc();
  echo $inc(), " ", $c->count, "\n";

  $local = 5;
  $mutate = function() use ($local) { $local = $local * 2; return $local; };
  echo $mutate(), " ", $mutate(), " ", $local, "\n";

  $ops = [
    'double' => make_multiplier(2),
    'triple' => make_multiplier(3),
    'square' => fn($x) => $x * $x,
    'negate' => function(int $x): int { return -$x; },
  ];
  foreach ($ops as $name => $op) {
    echo $name, "(7)=", $op(7), " ";
  }
  echo "\n";
  $pipeline = compose([$ops['double'], $ops['square'], $ops['negate']]);
  echo $pipeline(3), " ", compose([])(42), "\n";
  $vol = curry3(fn($a, $b, $c) => $a * $b * $c);
  $twoBy = $vol(2);
  echo $twoBy(3)(4), " ", $vol(5)(5)(5), "\n";

  $h = new Holder();
  $h->f = function(int $n) use ($h) {
    $f = $h->f;
    return $n <= 1 ? 1 : $n * (($f === null) ? 0 : $f($n - 1));
  };
  $fact = $h->f;
  echo ($fact === null) ? "null" : $fact(10), "\n";

  echo (fn(int $x, int $y) => $x ** $y)(2, 10), "\n";
  $adders = [];
  for ($i = 0; $i < 4; $i++) {
    $adders[] = fn($x) => $x + $i;
  }
  echo implode(" ", Vec\map($adders, fn($f) => $f(100))), "\n";
  $names = ["delta", "alpha", "charlie", "bravo"];
  $byLen = Vec\sort($names, fn($a, $b) => strlen($a) - strlen($b) ?: strcmp($a, $b));
  echo implode(",", $byLen), "\n";
  $prefix = ">> ";
  echo implode(" ", Vec\map(Vec\filter($names, fn($n) => Str\contains($n, "a")), fn($n) => $prefix . $n)), "\n";
  $counter = 0;
  $tally = function() use ($counter): int { $counter++; return $counter; };
  echo $tally(), $tally(), $counter, "\n";
}

main();
