<?hh
// oracle: hand
// The messages of HHVM's TypeConstraint (hphp/runtime/vm/type-constraint.cpp):
// - verifyFail, a parameter: "must implement interface I" when the hint names an interface
//   else "must be an instance of T";
// - verifyFail, a return: "Value returned from function f() must be of type I";
// - verifyPropFail: "Property 'C::p' declared as type int, string assigned" naming the class
//   that declares the property, and "Static property 'C::p' ..." for a static one;
// - displayName shows the constraint's name, without type arguments ("vec", not "vec<int>").
// (Nullable hints are left out: whether the "?" shows depends on the HHVM version's hackc.)

interface Shape {}
interface Polygon extends Shape {}
class Square implements Polygon {}
class Circle {}
class Box<T> {}

class Base {
  public int $count = 0;
  protected string $label = "";
  private float $ratio = 1.0;
  public static int $instances = 0;
  public function __construct(public vec<int> $items = vec[]) {}
  public function setLabel(mixed $v): void { $this->label = $v; }
  public function setRatio(mixed $v): void { $this->ratio = $v; }
  public function takeShape(Shape $s): string { return "shape"; }
}
class Derived extends Base {}

function area(Shape $s): string { return "area"; }
function maybe_area(?Polygon $p): string { return "maybe"; }
function make_shape(): Shape { return new Circle(); }
function unbox(Box<int> $b): dict<string, int> { return dict[]; }
function bad_counts(): dict<string, int> { return vec[1]; }

function attempt(string $what, (function(): mixed) $f): void {
  try {
    $f();
    echo $what, ": ok\n";
  } catch (TypeError $e) {
    echo $what, ": ", $e->getMessage(), "\n";
  }
}

<<__EntryPoint>>
function main(): void {
  attempt('area(Square)', () ==> area(new Square()));
  attempt('area(Circle)', () ==> area(new Circle()));
  attempt('area(5)', () ==> area(5));
  attempt('maybe_area(null)', () ==> maybe_area(null));
  attempt('unbox(Box)', () ==> unbox(new Box()));
  attempt('unbox(vec)', () ==> unbox(vec[]));
  attempt('bad_counts()', () ==> bad_counts());
  attempt('takeShape(vec)', () ==> (new Base())->takeShape(vec[]));
  attempt('make_shape()', () ==> make_shape());
  attempt('new Base(dict)', () ==> new Base(dict[]));
  $b = new Base();
  attempt('count = "x"', () ==> { $b->count = "x"; });
  attempt('setLabel(5)', () ==> $b->setLabel(5));
  attempt('setLabel("ok")', () ==> $b->setLabel("ok"));
  attempt('setRatio(2)', () ==> $b->setRatio(2));
  $d = new Derived();
  attempt('Derived count = 1.5', () ==> { $d->count = 1.5; });
  attempt('Derived setRatio(true)', () ==> $d->setRatio(true));
  attempt('Base::$instances = "two"', () ==> { Base::$instances = "two"; });
  attempt('Base::$instances = 2', () ==> { Base::$instances = 2; });
  echo Base::$instances, " ", $b->count, "\n";
}
