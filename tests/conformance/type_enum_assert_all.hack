<?hh
// oracle: hand
// HHVM's BuiltinEnum::assertAll($traversable) (hphp/runtime/ext/enum/ext_enum.php): a vec of
// static::assert() of each value, in order; the first invalid value throws
// UnexpectedValueException "<value> is not a valid value for <Enum>". assert() coerces an
// int-like string to an int enum's value.
enum E: int {
  A = 1;
  B = 2;
}

enum S: string {
  X = 'x';
  N = '7';
}

<<__EntryPoint>>
function main(): void {
  var_dump(E::assertAll(vec[1, "2", 2]));
  var_dump(S::assertAll(dict['a' => 'x', 'b' => 7]));
  var_dump(E::assertAll(vec[]));
  try {
    E::assertAll(vec[1, 3, "nope"]);
  } catch (UnexpectedValueException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
  $n = 0;
  for ($i = 0; $i < 300; $i++) {
    $n += C\count(E::assertAll(vec[1 + $i % 2, (string)(2 - $i % 2)]));
  }
  echo $n, "\n";
}
