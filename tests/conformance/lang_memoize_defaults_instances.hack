<?hh
// oracle: hand
// hackc splits a memoized function (emit_memoize_function.rs, emit_memoize_method.rs):
// the wrapper has the parameters with their defaults ("Default value setters belong in
// the wrapper method not in the original method") and looks the cache up with every
// parameter filled, so f() and f(5) (5 the default) are one entry. An instance method's
// cache belongs to its object (HHVM keeps it in the object): another object, even one
// made after the first was freed, has its own.
class Log { public static vec<string> $runs = vec[]; }
<<__Memoize>>
function f(int $x = 5, string $s = 'a'): string { Log::$runs[] = "f($x,$s)"; return $s.$x; }
<<__Memoize>>
function v(int $x = 1): void { Log::$runs[] = "v($x)"; }
<<__Memoize>>
function r(int $x = 1): int { Log::$runs[] = "r($x)"; return $x > 1 ? 'no' : $x; }
class A {
  public function __construct(public int $id) {}
  <<__Memoize>>
  public function m(int $x = 2): string { Log::$runs[] = "m#$this->id($x)"; return "$this->id:$x"; }
  <<__Memoize>>
  public static function s(int $x = 3): string { Log::$runs[] = "s($x)"; return static::class.$x; }
  <<__MemoizeLSB>>
  public static function l(int $x = 4): string { Log::$runs[] = "l($x)"; return static::class.$x; }
}
class B extends A {
  <<__Memoize>>
  public function m(int $x = 7): string { Log::$runs[] = "B::m($x)"; return 'B'.parent::m($x); }
}
function make(int $id): A { return new A($id); }
function flush(): void { echo Str\join(Log::$runs, ' '), "\n"; Log::$runs = vec[]; }
<<__EntryPoint>>
function main(): void {
  echo f(), ' ', f(5), ' ', f(5, 'a'), ' ', f(6), ' ', f(6, 'a'), ' ', f(6, 'b'), "\n";
  flush();
  v(); v(1); v(2);
  flush();
  echo r(), r(1), "\n";
  try { r(2); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
  try { r(2); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
  try { f('x'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
  flush();
  $a = new A(1);
  $b = new A(2);
  echo $a->m(), ' ', $a->m(2), ' ', $b->m(), ' ', $a->m(3), "\n";
  flush();
  // Each object made in the loop dies before the next is made.
  for ($i = 10; $i < 14; $i++) {
    echo make($i)->m(), ' ';
  }
  echo "\n";
  flush();
  for ($i = 0; $i < 3; $i++) {
    $o = new A(20 + $i);
    echo $o->m(), ' ', $o->m(2), ' ';
  }
  echo "\n";
  flush();
  $bb = new B(3);
  echo $bb->m(), ' ', $bb->m(7), ' ', $bb->m(2), ' ', $bb->m(2), "\n";
  flush();
  echo A::s(), ' ', A::s(3), ' ', B::s(), ' ', B::s(3), "\n";
  echo A::l(), ' ', A::l(4), ' ', B::l(), ' ', B::l(4), "\n";
  flush();
  $fn = 'f';
  echo $fn(), ' ', $fn(7), "\n";
  flush();
}
