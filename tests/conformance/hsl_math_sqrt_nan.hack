<?hh
// oracle: hand
// HSL hphp/hsl/src/math/compute.php: sqrt() is
//   invariant($arg >= 0, 'Expected non-negative argument to sqrt, got %f', $arg);
// NAN >= 0 is false, so Math\sqrt(NAN) must throw InvariantException.
function probe(num $x): void {
  try {
    var_dump(Math\sqrt($x));
  } catch (HH\InvariantException $e) {
    echo get_class($e), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  probe(NAN);
  probe(-NAN);
  probe(-1);
  probe(-0.0);
  probe(INF);
  probe(4);
}
