<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Every builtin that takes a callback (C\find/reduce/any/every, Vec\map/filter/sort/sort_by,
// Dict\map/filter/from_keys/sort/sort_by_key/group_by, Keyset\map/filter) given lambdas,
// `function() use` closures, closures capturing ints and objects, function names as strings,
// lambdas forwarding to static methods; callbacks that throw (state left behind), nested
// callbacks, callbacks mutating a captured object, and a hot loop so the tiers compile it all.

final class Tally {
  public int $calls = 0;
  public array $log = [];
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
  public function scaleAll(array $xs): array { return Vec\map($xs, fn($x) => $x * $this->factor); }
  public function bump(): void { $this->factor++; }
}

function flat(mixed $x): array {
  return hh_is_vec($x) ? Vec\flatten(Vec\map($x, fn($y) => flat($y))) : [(int)$x];
}

function nested_sums(array $rows, int $min): array {
  return Vec\map($rows, fn($row) => C\reduce(Vec\filter($row, fn($x) => $x >= $min), fn($a, $x) => $a + $x, 0));
}

function main(): void {
  $v = [5, 3, 8, 1, 9, 2, 7];
  $t = new Tally();
  $k = 4;
  echo Str\join(Vec\map($v, function($x) use ($t, $k) { $t->note("m" . $x); return $x + $k; }), ","), " calls=", $t->calls, "\n";
  echo Str\join(Vec\filter($v, 'is_odd'), ","), " | ", Str\join(Vec\filter([0, 3, 0, 4]), ","), "\n";
  echo C\reduce($v, 'add', 100), " ", C\reduce($v, fn($a, $x) => $a . $x, ">"), "\n";
  $t->calls = 0;
  $found = C\find($v, function($x) use ($t, $k) { $t->note("f" . $x); return $x > $k + 3; });
  echo "find=", $found ?? "none", " calls=", $t->calls, " none=", C\find($v, fn($x) => $x > 100) ?? "null", "\n";
  echo C\any($v, fn($x) => $x === 9) ? "any9 " : "no9 ", C\every($v, fn($x) => $x > 0) ? "allpos " : "notall ",
    C\any([0, 0]) ? "t" : "f", C\every([1, 2]) ? "t" : "f", "\n";
  echo Str\join(Vec\map($v, fn($x) => Ops::triple($x)), ","), " used=", Ops::$used, "\n";
  echo Str\join(Vec\sort($v, fn($a, $b) => Ops::cmpDesc($a, $b)), ","), " ", Str\join(Vec\sort($v), ","), "\n";
  $words = ['pear', 'fig', 'apple', 'kiwi', 'banana', 'date', 'cherry'];
  echo Str\join(Vec\sort_by($words, fn($w) => strlen($w) * 100 + ord($w)), ","), "\n";
  echo Str\join(Vec\sort_by($words, 'first_letter', fn($a, $b) => strcmp($b, $a)), ","), "\n";

  $prices = ['tea' => 4, 'cake' => 7, 'bun' => 2, 'pie' => 9];
  $rate = 3;
  foreach (Dict\map($prices, function(int $p) use ($rate): int { return $p * $rate; }) as $n => $p) { echo $n, ":", $p, " "; }
  echo "\n";
  foreach (Dict\filter($prices, fn($p) => $p > $rate) as $n => $p) { echo $n, ":", $p, " "; }
  echo "\n";
  foreach (Dict\from_keys([3, 1, 2], fn($i) => Str\repeat("*", $i)) as $i => $s) { echo $i, "=", $s, " "; }
  echo "\n";
  foreach (Dict\sort($prices, fn($a, $b) => $b <=> $a) as $n => $p) { echo $n, ":", $p, " "; }
  echo "| ";
  foreach (Dict\sort_by_key($prices, fn($a, $b) => strlen($a) !== strlen($b) ? strlen($a) - strlen($b) : strcmp($a, $b)) as $n => $p) { echo $n, " "; }
  echo "\n";
  foreach (Dict\group_by($words, fn($w) => strlen($w) === 5 ? null : strlen($w)) as $len => $ws) { echo $len, "=[", Str\join($ws, " "), "] "; }
  echo "\n";
  $ks = Keyset\map([1, 2, 3, 4, 5, 6], fn($x) => $x % 3);
  echo count($ks), ":", Str\join($ks, ","), " ", Str\join(Keyset\filter(hh_keyset(['a', 'bb', 'ccc']), fn($s) => strlen($s) !== 2), ","), "\n";

  // Callbacks that throw: what the captured object saw, that the caller's catch runs.
  $t2 = new Tally();
  try {
    Vec\map([11, 12, 13, 14], function($x) use ($t2) { $t2->note((string)$x); return picky($x); });
  } catch (InvalidArgumentException $e) {
    echo "caught ", $e->getMessage(), " after ", Str\join($t2->log, "/"), "\n";
  }
  try {
    Dict\from_keys(['a', 'b'], function($s) { if ($s === 'b') { throw new RuntimeException("key " . $s); } return 1; });
  } catch (Exception|DivisionByZeroError $e) {
    echo hh_get_class($e), " ", $e->getMessage(), "\n";
  }
  try {
    $n = C\reduce([1, 2, 3], fn($a, $x) => intdiv($a, 3 - $x), 60);
    echo "n=", $n, "\n";
  } catch (DivisionByZeroError $e) {
    echo "div caught\n";
  }
  try {
    Vec\sort([3, 1, 2], function($a, $b) { throw new LogicException("no compare"); });
  } catch (LogicException $e) {
    echo "sort: ", $e->getMessage(), "\n";
  }
  echo Str\join(nested_sums([[1, 5, 9], [], [4, 4, 2]], 4), ","), "\n";

  // $this captured in a method's lambda, recursion through a builtin, type errors in callbacks.
  $sc = new Scaler(2);
  $f = fn() => $sc->scaleAll([1, 2]);
  $sc->bump();
  echo Str\join($f(), ","), " ", Str\join(flat([1, [2, [3, []], 4], [[5]]]), ","), "\n";
  try { Vec\map([1, 'two'], fn(int $x) => $x + 1); } catch (TypeError $e) { echo "TypeError in callback param\n"; }
  try { Vec\map([1, 2], fn(int $x): int => $x === 2 ? 'bad' : $x); } catch (TypeError $e) { echo "TypeError in callback return\n"; }
  $adders = Vec\map([1, 10, 100], fn($n) => (fn($x) => $x + $n));
  echo Str\join(Vec\map($adders, fn($g) => $g(5)), ","), " ";
  echo Str\join(C\reduce([3, 1, 2], function($acc, $x) { $acc[] = $x * 10; return $acc; }, [0]), ","), " ";
  foreach (Dict\map(['a', 'b'], fn($s) => Str\uppercase($s)) as $i => $s) { echo $i, $s; }
  echo " ", Str\join(Vec\map(['p' => 1, 'q' => 2], fn($x) => -$x), ","), " ";
  foreach (Dict\sort_by_key(['b' => 1, 'c' => 2, 'a' => 3]) as $kk => $vv) { echo $kk, $vv; }
  echo " ", Str\join(Vec\sort_by(['bb', 'a', 'ccc'], fn($w) => Str\repeat('z', 4 - strlen($w))), ","), "\n";
  try {
    Vec\map([[1, 2], [3, 0]], fn($r) => Vec\map($r, function($x) use ($r) { // HH: use ($r) added by hand
      try { return intdiv(12, $x); } catch (DivisionByZeroError $e) { throw new RuntimeException("inner " . count($r)); }
    }));
  } catch (RuntimeException $e) {
    echo "nested: ", $e->getMessage(), "\n";
  }

  // Hot loop: the same call sites with varying captures and callables.
  $acc = 0;
  $cb = new Tally();
  $names = ['is_odd', 'is_odd'];
  for ($i = 0; $i < 3000; $i++) {
    $m = $i % 7;
    $row = [$i % 5, $m, ($i * 3) % 11, $i % 13];
    $acc += C\reduce(Vec\map($row, fn($x) => $x * $m + 1), 'add', 0);
    $acc += count(Vec\filter($row, $names[$i % 2]));
    $s = Vec\sort($row, fn($a, $b) => $a <=> $b);
    $acc += $s[0] * 2 + $s[3];
    $d = Dict\filter(['x' => $i % 3, 'y' => $m, 'z' => 1], fn($y) => $y !== 0);
    $acc += count($d);
    if (C\any($row, fn($x) => $x === 10)) { $cb->calls++; }
    $acc += C\find($row, fn($x) => $x > $m) ?? -1;
    $acc += count(Keyset\map($row, fn($x) => $x % 4));
    $acc += count(nested_sums([$row, $s], $m));
    $acc = $acc % 1000000007;
  }
  echo "acc=", $acc, " tens=", $cb->calls, "\n";
}

main();
