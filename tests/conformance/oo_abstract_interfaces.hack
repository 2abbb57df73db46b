<?hh
// Abstract classes with constructors and template methods, interfaces that
// extend interfaces, interface constants, abstract protected hooks,
// instanceof/is across the hierarchy, polymorphic dispatch over a vec.

interface HasArea {
  const int PRECISION = 2;
  public function area(): float;
}

interface HasPerimeter {
  public function perimeter(): float;
}

interface Shape extends HasArea, HasPerimeter {
  public function name(): string;
}

abstract class BaseShape implements Shape {
  private static int $serial = 0;
  protected int $id;

  public function __construct() {
    self::$serial++;
    $this->id = self::$serial;
  }

  abstract protected function dims(): string;

  public function name(): string {
    return static::class . "#" . $this->id;
  }

  // template method
  final public function report(): string {
    return Str\format("%-12s %-14s area=%8.2f perim=%7.2f", $this->name(), $this->dims(), $this->area(), $this->perimeter());
  }
}

class Rect extends BaseShape {
  public function __construct(protected float $w, protected float $h) {
    parent::__construct();
  }
  protected function dims(): string { return $this->w . "x" . $this->h; }
  public function area(): float { return $this->w * $this->h; }
  public function perimeter(): float { return 2 * ($this->w + $this->h); }
}

final class Square extends Rect {
  public function __construct(float $side) {
    parent::__construct($side, $side);
  }
  protected function dims(): string { return "side " . $this->w; }
}

final class Circle extends BaseShape {
  public function __construct(private float $r) {
    parent::__construct();
  }
  protected function dims(): string { return "r=" . $this->r; }
  public function area(): float { return M_PI * $this->r * $this->r; }
  public function perimeter(): float { return 2 * M_PI * $this->r; }
}

final class Triangle extends BaseShape {
  public function __construct(private float $a, private float $b, private float $c) {
    parent::__construct();
    if ($a + $b <= $c || $a + $c <= $b || $b + $c <= $a) {
      throw new InvalidArgumentException("not a triangle");
    }
  }
  protected function dims(): string { return $this->a . "/" . $this->b . "/" . $this->c; }
  public function perimeter(): float { return $this->a + $this->b + $this->c; }
  public function area(): float {
    $s = $this->perimeter() / 2;
    return sqrt($s * ($s - $this->a) * ($s - $this->b) * ($s - $this->c));
  }
}

function total_area(vec<HasArea> $xs): float {
  return C\reduce($xs, ($acc, $x) ==> $acc + $x->area(), 0.0);
}

<<__EntryPoint>>
function main(): void {
  $shapes = vec[new Rect(3.0, 4.5), new Square(2.0), new Circle(1.5), new Triangle(3.0, 4.0, 5.0)];
  try {
    $shapes[] = new Triangle(1.0, 2.0, 3.5);
  } catch (InvalidArgumentException $e) {
    echo "rejected: ", $e->getMessage(), "\n";
  }
  $shapes[] = new Circle(0.5);
  foreach ($shapes as $s) {
    echo $s->report(), "\n";
  }
  echo "total area: ", round(total_area($shapes), HasArea::PRECISION), "\n";
  echo "Square::PRECISION via class: ", Square::PRECISION, "\n";
  foreach ($shapes as $s) {
    $tags = vec[];
    if ($s is Shape) { $tags[] = "Shape"; }
    if ($s is HasArea) { $tags[] = "HasArea"; }
    if ($s is Rect) { $tags[] = "Rect"; }
    if ($s is Square) { $tags[] = "Square"; }
    if ($s is BaseShape) { $tags[] = "BaseShape"; }
    echo $s->name(), ": ", implode(",", $tags), "\n";
  }
  $largest = C\reduce($shapes, ($best, $s) ==> $best === null || $s->area() > $best->area() ? $s : $best, null);
  echo "largest: ", $largest?->name() ?? "none", "\n";
}
