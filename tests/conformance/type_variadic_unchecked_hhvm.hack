<?hh
// oracle: hand
// A typed variadic parameter `T ...$xs` is a vec<T>, and HHVM does not check its elements
// (hphp/test/slow/variadic_args/hack_typehints.php and its .expect:
// variadic_hinted_scalars(1, 2, 3, 4, true) dumps vec(5) { ... bool(true) }). PHP 8 checks each
// one. The parameters before the variadic one are still checked.
function ints(int ...$xs): vec<int> { return $xs; }
function named(string $s, int ...$rest): string { return $s . ":" . count($rest); }
class Box {}
function boxes(Box ...$bs): int { return count($bs); }

<<__EntryPoint>>
function main(): void {
  var_dump(ints(1, 2, 3, 4, true));
  echo named("s", 2, "z", 3.5), "\n";
  echo named("t", ...vec["a", null]), "\n";
  echo boxes(new Box(), 5, "x"), "\n";
  try {
    echo named(5, 1), "\n";
  } catch (TypeError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
  $n = 0;
  for ($i = 0; $i < 500; $i++) {
    $n += count(ints($i, "s", 1.5)) + strlen(named("k", $i));
  }
  echo $n, "\n";
}
