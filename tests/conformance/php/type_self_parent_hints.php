<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// `self` and `parent` in parameter, return and property types are the enclosing class and its parent:
// an object of another class is a TypeError (HHVM resolves them at compile time; PHP agrees).
class A {
  public ?self $next = null;
  public function takeSelf(self $x): string { return hh_get_class($x); }
  public function takeNullableSelf(?self $x): string { return ($x === null) ? "null" : hh_get_class($x); }
  public function retSelf(mixed $v): self { return $v; }
  public static function make(): self { return new A(); }
}
class B extends A {
  public function takeParent(parent $x): string { return hh_get_class($x); }
  public function retParent(mixed $v): parent { return $v; }
}
class C extends B {}
class Other {}
function attempt(\Closure $f, string $label): void {
  try {
    $r = $f();
    echo $label, ": ", is_string($r) ? $r : hh_get_class($r), "\n";
  } catch (TypeError $e) {
    echo $label, ": TypeError\n";
  }
}
function main(): void {
  $a = new A();
  $b = new B();
  for ($round = 0; $round < 3; $round++) {
    echo "round ", $round, "\n";
    attempt(fn() => $a->takeSelf(new A()), "takeSelf A");
    attempt(fn() => $a->takeSelf(new C()), "takeSelf C");
    attempt(fn() => $a->takeSelf(new Other()), "takeSelf Other");
    attempt(fn() => $b->takeSelf(new Other()), "B takeSelf Other");
    attempt(fn() => $a->takeNullableSelf(null), "takeNullableSelf null");
    attempt(fn() => $a->takeNullableSelf(new Other()), "takeNullableSelf Other");
    attempt(fn() => $a->retSelf(new B()), "retSelf B");
    attempt(fn() => $a->retSelf(new Other()), "retSelf Other");
    attempt(fn() => $b->takeParent(new A()), "takeParent A");
    attempt(fn() => $b->takeParent(new C()), "takeParent C");
    attempt(fn() => $b->takeParent(new Other()), "takeParent Other");
    attempt(fn() => $b->retParent(new Other()), "retParent Other");
    attempt(fn() => $b->retParent($b), "retParent B");
    attempt(fn() => B::make(), "B::make");
    attempt(function() use ($a) { $a->next = new B(); return $a->next; }, "next = B");
    attempt(function() use ($a) { $a->next = new Other(); return $a->next; }, "next = Other");
  }
  echo ($a->next instanceof B) ? "next is B\n" : "next changed\n";
}

main();
