<?hh
// oracle: hand
// HHVM's own rules for math built-ins where PHP 8 differs (hphp/runtime/ext/std/ext_std_math.cpp,
// ext_std_math.php, hphp/hsl/src/math/compute.php): abs() of an int wraps (PHP_INT_MIN stays an
// int, as HHVM's JIT `((x>>63)^x)-(x>>63)` and the C++ `-ival`); min()/max() of one scalar return
// it, of an empty container return null; log() with a base <= 0 is the natural log, base 1
// divides by log(1) = 0; Math\sqrt of a negative fails its invariant; Math\int_div by zero
// throws a DivisionByZeroException without a message.

function show(mixed $v): void {
  echo gettype($v), ' ', var_export_ish($v), "\n";
}

function var_export_ish(mixed $v): string {
  if ($v is null) return 'null';
  if ($v is bool) return $v ? 'true' : 'false';
  return (string)$v;
}

function abs_of(int $i): mixed {
  return abs($i);
}

<<__EntryPoint>>
function main(): void {
  // abs() of ints wraps like HHVM's integer negation
  show(abs(PHP_INT_MIN));
  show(abs(__hhvm_intrinsics\launder_value(PHP_INT_MIN)));
  for ($k = 0; $k < 3; $k++) {
    show(abs_of(PHP_INT_MIN + $k));
  }
  show(abs(-7));
  show(abs(-7.5));
  show(Math\abs(PHP_INT_MIN));

  // min()/max() with a single argument
  show(max(5));
  show(min(2.5));
  show(max('abc'));
  show(min(vec[]));
  show(max(vec[]));
  show(max(dict[]));
  show(min(keyset[]));
  show(max(vec[4, 9, 2]));
  show(min(dict['a' => 3, 'b' => -1]));

  // log() with a base
  foreach (vec[1.0, 0.0, -2.0, 2.0, 10.0] as $b) {
    show(log(8.0, $b));
  }
  show(log(1.0, 1.0));

  // HSL Math
  try {
    show(Math\sqrt(-1));
  } catch (HH\InvariantException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  try {
    show(Math\sqrt(-0.5));
  } catch (HH\InvariantException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  try {
    show(Math\int_div(1, 0));
  } catch (DivisionByZeroException $e) {
    echo get_class($e), ': [', $e->getMessage(), "]\n";
  }
  show(Math\sqrt(2.25));
  show(Math\int_div(-7, 2));
}
