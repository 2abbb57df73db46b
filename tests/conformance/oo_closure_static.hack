<?hh
// static:: inside closures and lambdas (instance and static methods, nested lambdas, new static,
// static properties and constants): the closure captures the method's late-static-bound class.
class A {
  public function inst(): (function(): string) { return () ==> static::class; }
  public static function stat(): (function(): string) { return () ==> static::name() . "/" . static::$tag . "/" . static::K; }
  public static function maker(): (function(): A) { return function() { return new static(); }; }
  public static function name(): string { return "A"; }
  public static string $tag = "ta";
  const string K = "ka";
  public function nested(): (function(): (function(): string)) { return () ==> () ==> static::class . get_class($this); }
}
class B extends A {
  public static function name(): string { return "B"; }
  public static string $tag = "tb";
  const string K = "kb";
}
<<__EntryPoint>>
function main(): void {
  echo (new B())->inst()(), " ", (new A())->inst()(), "\n";
  echo B::stat()(), " ", A::stat()(), "\n";
  echo get_class(B::maker()()), " ", get_class(A::maker()()), "\n";
  echo (new B())->nested()()(), "\n";
  $s = "";
  for ($i = 0; $i < 2000; $i++) { $s = B::stat()() . (new B())->inst()(); }
  echo $s, "\n";
}
