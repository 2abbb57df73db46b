<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// static:: inside closures and lambdas (instance and static methods, nested lambdas, new static,
// static properties and constants): the closure captures the method's late-static-bound class.
class A {
  public function inst(): \Closure { return fn() => static::class; }
  public static function stat(): \Closure { return fn() => static::name() . "/" . static::$tag . "/" . static::K; }
  public static function maker(): \Closure { return function() { return new static(); }; }
  public static function name(): string { return "A"; }
  public static string $tag = "ta";
  const K = "ka";
  public function nested(): \Closure { return fn() => fn() => static::class . hh_get_class($this); }
}
class B extends A {
  public static function name(): string { return "B"; }
  public static string $tag = "tb";
  const K = "kb";
}
function main(): void {
  echo (new B())->inst()(), " ", (new A())->inst()(), "\n";
  echo B::stat()(), " ", A::stat()(), "\n";
  echo hh_get_class(B::maker()()), " ", hh_get_class(A::maker()()), "\n";
  echo (new B())->nested()()(), "\n";
  $s = "";
  for ($i = 0; $i < 2000; $i++) { $s = B::stat()() . (new B())->inst()(); }
  echo $s, "\n";
}

main();
