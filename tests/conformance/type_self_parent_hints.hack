<?hh
// `self` and `parent` in parameter, return and property types are the enclosing class and its parent:
// an object of another class is a TypeError (HHVM resolves them at compile time; PHP agrees).
class A {
  public ?self $next = null;
  public function takeSelf(self $x): string { return get_class($x); }
  public function takeNullableSelf(?self $x): string { return $x is null ? "null" : get_class($x); }
  public function retSelf(mixed $v): self { return $v; }
  public static function make(): self { return new A(); }
}
class B extends A {
  public function takeParent(parent $x): string { return get_class($x); }
  public function retParent(mixed $v): parent { return $v; }
}
class C extends B {}
class Other {}
function attempt((function(): mixed) $f, string $label): void {
  try {
    $r = $f();
    echo $label, ": ", $r is string ? $r : get_class($r), "\n";
  } catch (TypeError $e) {
    echo $label, ": TypeError\n";
  }
}
<<__EntryPoint>>
function main(): void {
  $a = new A();
  $b = new B();
  for ($round = 0; $round < 3; $round++) {
    echo "round ", $round, "\n";
    attempt(() ==> $a->takeSelf(new A()), "takeSelf A");
    attempt(() ==> $a->takeSelf(new C()), "takeSelf C");
    attempt(() ==> $a->takeSelf(new Other()), "takeSelf Other");
    attempt(() ==> $b->takeSelf(new Other()), "B takeSelf Other");
    attempt(() ==> $a->takeNullableSelf(null), "takeNullableSelf null");
    attempt(() ==> $a->takeNullableSelf(new Other()), "takeNullableSelf Other");
    attempt(() ==> $a->retSelf(new B()), "retSelf B");
    attempt(() ==> $a->retSelf(new Other()), "retSelf Other");
    attempt(() ==> $b->takeParent(new A()), "takeParent A");
    attempt(() ==> $b->takeParent(new C()), "takeParent C");
    attempt(() ==> $b->takeParent(new Other()), "takeParent Other");
    attempt(() ==> $b->retParent(new Other()), "retParent Other");
    attempt(() ==> $b->retParent($b), "retParent B");
    attempt(() ==> B::make(), "B::make");
    attempt(() ==> { $a->next = new B(); return $a->next; }, "next = B");
    attempt(() ==> { $a->next = new Other(); return $a->next; }, "next = Other");
  }
  echo $a->next is B ? "next is B\n" : "next changed\n";
}
