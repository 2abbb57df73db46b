<?hh
interface Marker {}
class A {
  public function isSame(mixed $o): bool { return $o instanceof static; }
  public function isSelf(mixed $o): bool { return $o instanceof self; }
  public static function sIsSame(mixed $o): bool { return $o instanceof static; }
  public function viaLambda(): (function(mixed): bool) { return $o ==> $o instanceof static; }
  public function viaClosure(): (function(mixed): bool) {
    return function(mixed $o): bool { return !($o instanceof static) ? false : true; };
  }
  public static function count(vec<mixed> $xs): int {
    $n = 0;
    foreach ($xs as $x) { if ($x instanceof static) $n++; }
    return $n;
  }
}
class B extends A implements Marker {
  public function isParent(mixed $o): bool { return $o instanceof parent; }
}
class C extends B {}
function show(bool $b): string { return $b ? 'T' : 'F'; }
<<__EntryPoint>>
function main(): void {
  $a = new A(); $b = new B(); $c = new C();
  $all = vec[$a, $b, $c, null, 1, 'A'];
  foreach (vec[$a, $b, $c] as $recv) {
    $line = get_class($recv) . ':';
    foreach ($all as $o) {
      $line .= ' ' . show($recv->isSame($o)) . show($recv->isSelf($o))
        . show($recv->viaLambda()($o)) . show($recv->viaClosure()($o));
    }
    echo $line, "\n";
  }
  echo show(A::sIsSame($b)), show(B::sIsSame($a)), show(B::sIsSame($c)), show(C::sIsSame($b)), "\n";
  echo show($b->isParent($a)), show($c->isParent($b)), show($b->isParent(1)), "\n";
  $objs = vec[];
  for ($i = 0; $i < 300; $i++) {
    $objs[] = $i % 3 == 0 ? new A() : ($i % 3 == 1 ? new B() : new C());
  }
  echo A::count($objs), " ", B::count($objs), " ", C::count($objs), "\n";
  $hits = 0;
  for ($i = 0; $i < 300; $i++) { if ($objs[$i]->isSame($objs[299 - $i])) $hits++; }
  echo $hits, "\n";
}
