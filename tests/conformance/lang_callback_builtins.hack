<?hh
// Every builtin that takes a callback (C\find/reduce/any/every, Vec\map/filter/sort/sort_by,
// Dict\map/filter/from_keys/sort/sort_by_key/group_by, Keyset\map/filter) given lambdas,
// `function() use` closures, closures capturing ints and objects, function names as strings,
// lambdas forwarding to static methods; callbacks that throw (state left behind), nested
// callbacks, callbacks mutating a captured object, and a hot loop so the tiers compile it all.
use namespace HH\Lib\{C, Vec, Dict, Keyset, Str};

final class Tally {
  public int $calls = 0;
  public vec<string> $log = vec[];
  public function note(string $s): void { $this->calls++; $this->log[] = $s; }
}

final class Ops {
  public static int $used = 0;
  public static function triple(int $x): int { self::$used++; return $x * 3; }
  public static function cmpDesc(int $a, int $b): int { return $b - $a; }
}

function is_odd(int $x): bool { return $x % 2 !== 0; }
function add(int $acc, int $x): int { return $acc + $x; }
function first_letter(string $s): string { return Str\slice($s, 0, 1); }

function picky(int $x): int {
  if ($x === 13) { throw new InvalidArgumentException("unlucky " . $x); } return $x * 2;
}

final class Scaler {
  public function __construct(private int $factor) {}
  public function scaleAll(vec<int> $xs): vec<int> { return Vec\map($xs, $x ==> $x * $this->factor); }
  public function bump(): void { $this->factor++; }
}

function flat(mixed $x): vec<int> {
  return $x is vec<_> ? Vec\flatten(Vec\map($x, $y ==> flat($y))) : vec[(int)$x];
}

function nested_sums(vec<vec<int>> $rows, int $min): vec<int> {
  return Vec\map($rows, $row ==> C\reduce(Vec\filter($row, $x ==> $x >= $min), ($a, $x) ==> $a + $x, 0));
}

<<__EntryPoint>>
function main(): void {
  $v = vec[5, 3, 8, 1, 9, 2, 7];
  $t = new Tally();
  $k = 4;
  echo Str\join(Vec\map($v, $x ==> { $t->note("m" . $x); return $x + $k; }), ","), " calls=", $t->calls, "\n";
  echo Str\join(Vec\filter($v, 'is_odd'), ","), " | ", Str\join(Vec\filter(vec[0, 3, 0, 4]), ","), "\n";
  echo C\reduce($v, 'add', 100), " ", C\reduce($v, ($a, $x) ==> $a . $x, ">"), "\n";
  $t->calls = 0;
  $found = C\find($v, $x ==> { $t->note("f" . $x); return $x > $k + 3; });
  echo "find=", $found ?? "none", " calls=", $t->calls, " none=", C\find($v, $x ==> $x > 100) ?? "null", "\n";
  echo C\any($v, $x ==> $x === 9) ? "any9 " : "no9 ", C\every($v, $x ==> $x > 0) ? "allpos " : "notall ",
    C\any(vec[0, 0]) ? "t" : "f", C\every(vec[1, 2]) ? "t" : "f", "\n";
  echo Str\join(Vec\map($v, $x ==> Ops::triple($x)), ","), " used=", Ops::$used, "\n";
  echo Str\join(Vec\sort($v, ($a, $b) ==> Ops::cmpDesc($a, $b)), ","), " ", Str\join(Vec\sort($v), ","), "\n";
  $words = vec['pear', 'fig', 'apple', 'kiwi', 'banana', 'date', 'cherry'];
  echo Str\join(Vec\sort_by($words, $w ==> strlen($w) * 100 + ord($w)), ","), "\n";
  echo Str\join(Vec\sort_by($words, 'first_letter', ($a, $b) ==> strcmp($b, $a)), ","), "\n";

  $prices = dict['tea' => 4, 'cake' => 7, 'bun' => 2, 'pie' => 9];
  $rate = 3;
  foreach (Dict\map($prices, function(int $p) use ($rate): int { return $p * $rate; }) as $n => $p) { echo $n, ":", $p, " "; }
  echo "\n";
  foreach (Dict\filter($prices, $p ==> $p > $rate) as $n => $p) { echo $n, ":", $p, " "; }
  echo "\n";
  foreach (Dict\from_keys(vec[3, 1, 2], $i ==> Str\repeat("*", $i)) as $i => $s) { echo $i, "=", $s, " "; }
  echo "\n";
  foreach (Dict\sort($prices, ($a, $b) ==> $b <=> $a) as $n => $p) { echo $n, ":", $p, " "; }
  echo "| ";
  foreach (Dict\sort_by_key($prices, ($a, $b) ==> strlen($a) !== strlen($b) ? strlen($a) - strlen($b) : strcmp($a, $b)) as $n => $p) { echo $n, " "; }
  echo "\n";
  foreach (Dict\group_by($words, $w ==> strlen($w) === 5 ? null : strlen($w)) as $len => $ws) { echo $len, "=[", Str\join($ws, " "), "] "; }
  echo "\n";
  $ks = Keyset\map(vec[1, 2, 3, 4, 5, 6], $x ==> $x % 3);
  echo count($ks), ":", Str\join($ks, ","), " ", Str\join(Keyset\filter(keyset['a', 'bb', 'ccc'], $s ==> strlen($s) !== 2), ","), "\n";

  // Callbacks that throw: what the captured object saw, that the caller's catch runs.
  $t2 = new Tally();
  try {
    Vec\map(vec[11, 12, 13, 14], $x ==> { $t2->note((string)$x); return picky($x); });
  } catch (InvalidArgumentException $e) {
    echo "caught ", $e->getMessage(), " after ", Str\join($t2->log, "/"), "\n";
  }
  try {
    Dict\from_keys(vec['a', 'b'], $s ==> { if ($s === 'b') { throw new RuntimeException("key " . $s); } return 1; });
  } catch (Exception $e) {
    echo get_class($e), " ", $e->getMessage(), "\n";
  }
  try {
    $n = C\reduce(vec[1, 2, 3], ($a, $x) ==> intdiv($a, 3 - $x), 60);
    echo "n=", $n, "\n";
  } catch (DivisionByZeroException $e) {
    echo "div caught\n";
  }
  try {
    Vec\sort(vec[3, 1, 2], ($a, $b) ==> { throw new LogicException("no compare"); });
  } catch (LogicException $e) {
    echo "sort: ", $e->getMessage(), "\n";
  }
  echo Str\join(nested_sums(vec[vec[1, 5, 9], vec[], vec[4, 4, 2]], 4), ","), "\n";

  // $this captured in a method's lambda, recursion through a builtin, type errors in callbacks.
  $sc = new Scaler(2);
  $f = () ==> $sc->scaleAll(vec[1, 2]);
  $sc->bump();
  echo Str\join($f(), ","), " ", Str\join(flat(vec[1, vec[2, vec[3, vec[]], 4], vec[vec[5]]]), ","), "\n";
  try { Vec\map(vec[1, 'two'], (int $x) ==> $x + 1); } catch (TypeError $e) { echo "TypeError in callback param\n"; }
  try { Vec\map(vec[1, 2], (int $x): int ==> $x === 2 ? 'bad' : $x); } catch (TypeError $e) { echo "TypeError in callback return\n"; }
  $adders = Vec\map(vec[1, 10, 100], $n ==> ($x ==> $x + $n));
  echo Str\join(Vec\map($adders, $g ==> $g(5)), ","), " ";
  echo Str\join(C\reduce(vec[3, 1, 2], ($acc, $x) ==> { $acc[] = $x * 10; return $acc; }, vec[0]), ","), " ";
  foreach (Dict\map(vec['a', 'b'], $s ==> Str\uppercase($s)) as $i => $s) { echo $i, $s; }
  echo " ", Str\join(Vec\map(dict['p' => 1, 'q' => 2], $x ==> -$x), ","), " ";
  foreach (Dict\sort_by_key(dict['b' => 1, 'c' => 2, 'a' => 3]) as $kk => $vv) { echo $kk, $vv; }
  echo " ", Str\join(Vec\sort_by(vec['bb', 'a', 'ccc'], $w ==> Str\repeat('z', 4 - strlen($w))), ","), "\n";
  try {
    Vec\map(vec[vec[1, 2], vec[3, 0]], $r ==> Vec\map($r, $x ==> {
      try { return intdiv(12, $x); } catch (DivisionByZeroException $e) { throw new RuntimeException("inner " . count($r)); }
    }));
  } catch (RuntimeException $e) {
    echo "nested: ", $e->getMessage(), "\n";
  }

  // Hot loop: the same call sites with varying captures and callables.
  $acc = 0;
  $cb = new Tally();
  $names = vec['is_odd', 'is_odd'];
  for ($i = 0; $i < 3000; $i++) {
    $m = $i % 7;
    $row = vec[$i % 5, $m, ($i * 3) % 11, $i % 13];
    $acc += C\reduce(Vec\map($row, $x ==> $x * $m + 1), 'add', 0);
    $acc += count(Vec\filter($row, $names[$i % 2]));
    $s = Vec\sort($row, ($a, $b) ==> $a <=> $b);
    $acc += $s[0] * 2 + $s[3];
    $d = Dict\filter(dict['x' => $i % 3, 'y' => $m, 'z' => 1], $y ==> $y !== 0);
    $acc += count($d);
    if (C\any($row, $x ==> $x === 10)) { $cb->calls++; }
    $acc += C\find($row, $x ==> $x > $m) ?? -1;
    $acc += count(Keyset\map($row, $x ==> $x % 4));
    $acc += count(nested_sums(vec[$row, $s], $m));
    $acc = $acc % 1000000007;
  }
  echo "acc=", $acc, " tens=", $cb->calls, "\n";
}
