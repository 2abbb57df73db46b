<?hh
// oracle: hand
// <<__MemoizeLSB>> on a static method: one cache per late-static-bound class, and static:: is
// the class the call names (hackc's memoize wrapper forwards the late-static-bound class for
// __MemoizeLSB, where for __Memoize it calls the declaring class).
class Cnt { public static int $n = 0; }
class S {
  <<__MemoizeLSB>>
  public static function who(): string { Cnt::$n++; return static::class.'#'.Cnt::$n; }
  <<__MemoizeLSB>>
  public static function k(int $x): string { Cnt::$n++; return static::class.$x.'#'.Cnt::$n; }
  public static function viaStatic(): string { return static::who(); }
}
class T extends S {}
<<__EntryPoint>>
function main(): void {
  echo T::who(), " ", S::who(), " ", T::who(), " ", S::who(), " ", T::viaStatic(), "\n";
  echo T::k(1), " ", S::k(1), " ", T::k(1), " ", T::k(2), "\n";
  for ($i = 0; $i < 4; $i++) { echo S::k($i % 2 + 5), T::k($i % 2 + 5), " "; }
  echo "\n";
}
