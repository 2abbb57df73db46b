<?hh
// Closures: implicit capture by value in lambdas (snapshot at creation),
// explicit `function() use`, capturing objects (shared) vs vecs (copied),
// closures stored in dicts and vecs, returned from functions, composed,
// curried, recursive via a holder object, and called immediately.

final class Holder {
  public ?(function(int): int) $f = null;
}

function make_multiplier(int $k): (function(int): int) {
  return $x ==> $x * $k;
}

function compose(vec<(function(int): int)> $fs): (function(int): int) {
  return $x ==> C\reduce($fs, ($acc, $f) ==> $f($acc), $x);
}

function curry3((function(int, int, int): int) $f): (function(int): (function(int): (function(int): int))) {
  return $a ==> $b ==> $c ==> $f($a, $b, $c);
}

final class Counter {
  public int $count = 0;
}

<<__EntryPoint>>
function main(): void {
  $base = 10;
  $add = $x ==> $x + $base;
  $base = 1000;
  echo $add(1), "\n";

  $old = function(int $x) use ($base): int { return $x - $base; };
  $base = 0;
  echo $old(1), "\n";

  $list = vec[1, 2, 3];
  $sumNow = () ==> array_sum($list);
  $list[] = 100;
  echo $sumNow(), " ", array_sum($list), "\n";

  $c = new Counter();
  $inc = () ==> { $c->count++; return $c->count; };
  $inc();
  $inc();
  echo $inc(), " ", $c->count, "\n";

  $local = 5;
  $mutate = () ==> { $local = $local * 2; return $local; };
  echo $mutate(), " ", $mutate(), " ", $local, "\n";

  $ops = dict[
    'double' => make_multiplier(2),
    'triple' => make_multiplier(3),
    'square' => $x ==> $x * $x,
    'negate' => function(int $x): int { return -$x; },
  ];
  foreach ($ops as $name => $op) {
    echo $name, "(7)=", $op(7), " ";
  }
  echo "\n";
  $pipeline = compose(vec[$ops['double'], $ops['square'], $ops['negate']]);
  echo $pipeline(3), " ", compose(vec[])(42), "\n";
  $vol = curry3(($a, $b, $c) ==> $a * $b * $c);
  $twoBy = $vol(2);
  echo $twoBy(3)(4), " ", $vol(5)(5)(5), "\n";

  $h = new Holder();
  $h->f = (int $n) ==> {
    $f = $h->f;
    return $n <= 1 ? 1 : $n * ($f is null ? 0 : $f($n - 1));
  };
  $fact = $h->f;
  echo $fact is null ? "null" : $fact(10), "\n";

  echo ((int $x, int $y) ==> $x ** $y)(2, 10), "\n";
  $adders = vec[];
  for ($i = 0; $i < 4; $i++) {
    $adders[] = $x ==> $x + $i;
  }
  echo implode(" ", Vec\map($adders, $f ==> $f(100))), "\n";
  $names = vec["delta", "alpha", "charlie", "bravo"];
  $byLen = Vec\sort($names, ($a, $b) ==> strlen($a) - strlen($b) ?: strcmp($a, $b));
  echo implode(",", $byLen), "\n";
  $prefix = ">> ";
  echo implode(" ", Vec\map(Vec\filter($names, $n ==> Str\contains($n, "a")), $n ==> $prefix . $n)), "\n";
  $counter = 0;
  $tally = function() use ($counter): int { $counter++; return $counter; };
  echo $tally(), $tally(), $counter, "\n";
}
