<?hh
// oracle: hand
// HHVM lists an object's properties most-derived class first, each class's in
// declaration order, a redeclared property once at its most-derived declaration
// (IteratePropToArrayOrder in hphp/runtime/base/object-iterator.h, used by
// ObjectData::o_getArray/toArray, which var_dump and json_encode use). PHP lists the
// parent's first. HHVM's test hphp/test/slow/get_object_vars/1534.php.expect:
// Child's "ddd" comes before Base's "aaa".
class Base {
  public int $a = 1;
  protected string $b = "b";
  private float $c = 2.5;
}
class Child extends Base {
  public int $d = 4;
  private bool $e = true;
}
class A {
  private int $x = 1;
  protected int $y = 2;
  public int $z = 3;
}
class B extends A {
  private int $x = 10;
  protected int $y = 20;
  public int $w = 4;
}
class C extends B {
  public int $z = 30;
}
class Pt {
  public function __construct(public int $px, protected int $py) {}
}
class Pt3 extends Pt {
  public function __construct(int $x, int $y, public int $pz) { parent::__construct($x, $y); }
}
<<__EntryPoint>>
function main(): void {
  var_dump(new Child());
  var_dump(new B());
  var_dump(new C());
  var_dump(new Pt3(1, 2, 3));
  var_dump(vec[new Child()]);
  echo json_encode(new Child()), "\n";
  echo json_encode(new C()), "\n";
  echo json_encode(new Pt3(1, 2, 3)), "\n";
}
