<?hh
// oracle: hand
// HHVM's array_key_exists (hphp/runtime/ext/array/ext_array.cpp) throws
// throwInvalidArrayKeyException for a key that is neither an int nor a string (null, bool,
// float, a container): InvalidArgumentException "Invalid dict key: expected a key of type int
// or string, float given" ("... of type int, ..." for a vec). The HSL's C\contains_key is
// array_key_exists. A string key in a vec is simply absent. (PHP 8 returns false instead.)

function show(mixed $key, KeyedContainer<arraykey, mixed> $c): void {
  try {
    echo C\contains_key($c, $key) ? "yes" : "no";
    echo array_key_exists($key, $c) ? " yes\n" : " no\n";
  } catch (InvalidArgumentException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
}

<<__EntryPoint>>
function main(): void {
  $d = dict['a' => 1, 1 => 2, '' => 3, 'n' => null];
  $v = vec[10, 20];
  $k = keyset['x', 5];
  show('a', $d);
  show(1, $d);
  show('1', $d);
  show('', $d);
  show('n', $d);
  show(1, $v);
  show(2, $v);
  show('1', $v);
  show(-1, $v);
  show(5, $k);
  show('5', $k);
  foreach (vec[null, true, false, 1.0, 0.5, vec[], dict[], keyset[]] as $bad) {
    show($bad, $d);
    show($bad, $v);
    show($bad, $k);
  }
  show(null, dict[]);
  show(1.0, vec[]);
}
