<?hh
// oracle: hand
// Variadic functions, methods and closures called with zero, one and many extra arguments,
// spread arguments, defaults before the variadic parameter and too few arguments, three times
// (so that the compiled tiers run them: the LLVM tier compiles variadic functions, whose
// generic entry packs the extra arguments into one vec).
function sum(int ...$xs): int { $s = 0; foreach ($xs as $x) { $s += $x; } return $s; }
function tag(string $t, int $n = 7, mixed ...$rest): string { return $t . ":" . $n . ":" . count($rest) . ":" . json_encode($rest); }
class C {
  public function __construct(private int $base) {}
  public function add(int ...$xs): int { return $this->base + sum(...$xs); }
  public static function join(string $sep, string ...$parts): string { return implode($sep, $parts); }
}
function T((function(): mixed) $f): void {
  try { var_dump($f()); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
<<__EntryPoint>> function main(): void {
  for ($i = 0; $i < 3; $i++) {
    T(() ==> sum());
    T(() ==> sum(1));
    T(() ==> sum(1, 2, 3, 4, 5));
    T(() ==> sum(...vec[1, 2], ...vec[3]));
    T(() ==> tag("a"));
    T(() ==> tag("a", 1));
    T(() ==> tag("a", 1, "x", vec[2], null));
    T(() ==> tag());
    T(() ==> (new C(10))->add(1, 2, 3));
    T(() ==> (new C(10))->add());
    T(() ==> C::join("-", "a", "b", "c"));
    T(() ==> C::join("-"));
    $f = (int ...$v) ==> count($v) * 100 + sum(...$v);
    T(() ==> $f(4, 5));
    $g = 'sum';
    T(() ==> $g(9, 9));
    T(() ==> Vec\map(vec[1, 2], ($x) ==> sum($x, $x, $x)));
  }
}
