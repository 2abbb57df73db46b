<?hh
// oracle: hand
// A `this` return type is checked as HHVM checks it (ThisTypeHintLevel 3): the object's class
// must be exactly the late-static-bound class (a subclass instance fails too); `?this` lets
// null through; instance and static methods alike, in every tier.
class Z {}
class A {
  public function bad(): this { return new Z(); }
  public function base(): this { return new A(); }
  public function self_(): this { return $this; }
  public function fresh(): this { return new static(); }
  public function maybe(bool $n): ?this { return $n ? null : $this; }
  public function maybe_bad(): ?this { return new A(); }
  public static function make(): this { return new static(); }
  public static function make_a(): this { return new A(); }
  public function sub(): this { return new B(); }
}
class B extends A {}
function t((function(): mixed) $f, string $what): void {
  try { $r = $f(); echo $what, ": ", $r is null ? "null" : get_class($r), "\n"; }
  catch (TypeError $e) { echo $what, ": TypeError: ", $e->getMessage(), "\n"; }
}
<<__EntryPoint>>
function main(): void {
  for ($i = 0; $i < 3; $i++) {
    t(() ==> (new A())->bad(), "A bad");
    t(() ==> (new B())->base(), "B base");
    t(() ==> (new A())->base(), "A base");
    t(() ==> (new B())->self_(), "B self");
    t(() ==> (new B())->fresh(), "B fresh");
    t(() ==> (new B())->maybe(true), "B maybe null");
    t(() ==> (new B())->maybe(false), "B maybe this");
    t(() ==> (new B())->maybe_bad(), "B maybe_bad");
    t(() ==> B::make(), "B::make");
    t(() ==> B::make_a(), "B::make_a");
    t(() ==> A::make_a(), "A::make_a");
    t(() ==> (new A())->sub(), "A sub");
    t(() ==> (new B())->sub(), "B sub");
  }
}
