<?hh
// String callables 'C::m': a static method by its class (inherited ones too, with that class as
// static::), through $f(...) and through builtins' callbacks; an instance method and a missing
// method as Error. Hot enough that the optimized tiers compile the calls.
use namespace HH\Lib\{C, Vec, Str};
class K {
  public static function dbl(int $x): int { return $x * 2; }
  public static function make(): string { return static::class; }
  public function inst(): int { return 1; }
}
class L extends K {}
<<__EntryPoint>>
function main(): void {
  $f = 'K::dbl';
  echo $f(3), "\n";
  echo Str\join(Vec\map(vec[1, 2, 3], 'K::dbl'), ","), "\n";
  $g = 'L::dbl';
  echo $g(5), " ", ('L::make')(), " ", ('K::make')(), "\n";
  try { $h = 'K::inst'; echo $h(), "\n"; } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
  try { $h = 'K::nope'; echo $h(), "\n"; } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
  $t = 0;
  for ($i = 0; $i < 3000; $i++) {
    $t += $f($i) + C\count(Vec\map(vec[$i], $g));
  }
  echo $t, "\n";
}
