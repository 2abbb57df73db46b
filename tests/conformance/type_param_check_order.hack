<?hh
// oracle: hand
// When several parameters fail their type checks, the first failing parameter (left to right) is
// reported, in every tier: HHVM verifies parameters in order (and PHP reports the same argument).
// Compiled code (--tier=jit, and auto once a function is compiled) checked int/float/bool parameters
// before the others. Each function is called with good arguments first so that it gets compiled.
function g(string $a, float $b): string { return $a . $b; }
function h(num $a, bool $b): string { return $a . ($b ? 't' : 'f'); }
function k(?int $a, string $b, int $c): string { return $b . $a . $c; }
function m(mixed $a, arraykey $b, float $c, ?string $d): string { return $b . $c . $d; }
class C {
  public function meth(string $s, int $i): string { return $s . $i; }
  public static function st(vec<int> $v, bool $b): int { return count($v); }
}
function report(Throwable $e): string { return get_class($e) . ': ' . $e->getMessage(); }
<<__EntryPoint>>
function main(): void {
  $c = new C();
  $ok = 0;
  for ($i = 0; $i < 200; $i++) {
    $ok += strlen(g('s', 1.5)) + strlen(h(1, true)) + strlen(k(null, 'b', 2)) + strlen(m(1, 'k', 0.5, null));
    $ok += strlen($c->meth('x', $i)) + C::st(vec[1], false);
  }
  echo "warm ", $ok, "\n";
  for ($i = 0; $i < 3; $i++) {
    try { echo g(1, 2), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo g(1, 2.5), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo g('s', 2), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo h('x', 1), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo h(null, null), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo k('x', 1, 'y'), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo k(1, 1, 'y'), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo m(null, 1.5, 1, 5), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo m(null, 'k', 1, 5), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo $c->meth(1, 'x'), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
    try { echo C::st(dict[], 0), "\n"; } catch (TypeError $e) { echo report($e), "\n"; }
  }
}
