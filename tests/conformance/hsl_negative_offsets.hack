// oracle: hand (HSL: Vec\slice and Str\ offsets go through _Private\validate_offset(_lower_bound),
// where a negative offset counts from the end and a failed check is an invariant violation;
// Math\abs is `$n < 0 ? -$n : $n`, so Math\abs(PHP_INT_MIN) wraps to PHP_INT_MIN, as abs() does:
// HHVM's ext_std_math.cpp returns `ival >= 0 ? ival : -ival`)
<<__EntryPoint>>
function main(): void {
  $v = vec[1, 2, 3, 4, 5];
  echo implode(",", Vec\slice($v, -2)), "\n";
  echo implode(",", Vec\slice($v, -5, 2)), "\n";
  echo implode(",", Vec\slice($v, 3, 10)), "|", implode(",", Vec\slice($v, 7)), "\n";
  foreach (vec[-6, PHP_INT_MIN] as $off) {
    try {
      Vec\slice($v, $off);
    } catch (HH\InvariantException $e) {
      echo get_class($e), ": ", $e->getMessage(), "\n";
    }
  }
  try {
    Vec\slice($v, -1, -1);
  } catch (HH\InvariantException $e) {
    echo $e->getMessage(), "\n";
  }
  echo Str\slice("abcdef", -2), " ", Str\slice("abcdef", 1, 2), "\n";
  foreach (vec[7, -7] as $off) {
    try {
      Str\slice("abcdef", $off);
    } catch (HH\InvariantException $e) {
      echo get_class($e), ": ", $e->getMessage(), "\n";
    }
  }
  try {
    Str\contains("abc", "a", 4);
  } catch (HH\InvariantException $e) {
    echo $e->getMessage(), "\n";
  }
  var_dump(Math\abs(PHP_INT_MIN), Math\abs(-7), Math\abs(-0.5), abs(PHP_INT_MIN));
}
