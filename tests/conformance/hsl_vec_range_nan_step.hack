<?hh
// oracle: hand
// HSL hphp/hsl/src/vec/order.php: range() starts with
//   $step ??= 1; invariant($step > 0, 'Expected positive step.');
// NAN > 0 is false, so a NAN step must fail the invariant.
function probe(num $a, num $b, ?num $step): void {
  try {
    $r = Vec\range($a, $b, $step);
    echo "ok ", Str\join(Vec\map($r, $x ==> (string)$x), ","), "\n";
  } catch (HH\InvariantException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  probe(1, 5, NAN);
  probe(1.0, 5.0, NAN);
  probe(5, 1, NAN);
  probe(1, 5, -NAN);
  probe(1, 5, -INF);
  probe(1, 5, 0);
  probe(1, 5, -0.0);
  probe(1, 5, INF);
  probe(1, 5, null);
  probe(1, 5, 2);
}
