<?hh
// oracle: hand
// <<__Memoize>> (not <<__MemoizeLSB>>) on a static method: hackc's wrapper
// (emit_memoize_method.rs, call_cls_method) calls the impl with FCallClsMethodD on
// the declaring class, and the cache is the wrapper's: one cache for the class and
// its subclasses, and static:: inside is the declaring class (HHVM docs, __Memoize:
// "will cause it to bind to the declaring class").
class Cnt { public static int $n = 0; }
class S {
  <<__Memoize>>
  public static function who(): string { Cnt::$n++; return static::class.'#'.Cnt::$n; }
  <<__Memoize>>
  public static function k(int $x): string { Cnt::$n++; return static::class.$x.'#'.Cnt::$n; }
  public static function viaStatic(): string { return static::who(); }
}
class T extends S {}
class U extends T {}
<<__EntryPoint>>
function main(): void {
  echo T::who(), " ", S::who(), " ", T::who(), " ", U::viaStatic(), "\n";
  echo U::k(1), " ", T::k(1), " ", S::k(1), " ", S::k(2), " ", T::k(2), "\n";
  for ($i = 0; $i < 4; $i++) { echo T::k($i % 2 + 5), U::k($i % 2 + 5), " "; }
  echo "\n";
}
