<?hh
// oracle: hand
// A <<__Memoize>> function goes through its cache however it is called: directly, with spread
// arguments, through a string or from a hot loop; a memoized static method also through
// static:: (the interpreter entered both of these last two without the cache).
class Cnt { public static int $n = 0; }
<<__Memoize>>
function m(int $a, int $b): int { Cnt::$n++; return $a * 100 + $b + Cnt::$n * 10000; }
class K {
  <<__Memoize>>
  public static function twice(int $x): int { Cnt::$n++; return 2 * $x + 1000 * Cnt::$n; }
  public static function viaStatic(int $x): int { return static::twice($x); }
}
class L extends K {}
<<__EntryPoint>>
function main(): void {
  $v = vec[1, 2];
  echo m(...$v), " ", m(1, 2), " ", m(...vec[1, 2]), " ", m(...vec[2, 1]), "\n";
  $f = 'm';
  echo $f(1, 2), " ", $f(...$v), " ", $f(2, 1), "\n";
  echo K::twice(3), " ", K::viaStatic(3), " ", L::viaStatic(3), " ", L::twice(3), "\n";
  $t = 0;
  for ($i = 0; $i < 1000; $i++) {
    $t += m(...vec[$i % 3, 1]) + L::viaStatic($i % 2);
  }
  echo $t, " ", Cnt::$n, "\n";
}
