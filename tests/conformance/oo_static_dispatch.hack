<?hh
// Method calls whose receiver's declared class decides the method (every concrete class below
// it has the same one: compiled code calls it without a lookup) and calls where it does not (a
// subclass overrides): through an abstract base, a class with a final subclass, an interface
// with one implementation, a nullable parameter given null (caught). Every phase runs hot
// enough to be compiled by every tier.

abstract class Shape {
  abstract public function area(): int;
  public function twice(): int {
    return 2 * $this->area();
  }
  public function name(): string {
    return "shape";
  }
}

class Sq extends Shape {
  public function __construct(private int $s) {}
  public function area(): int {
    return $this->s * $this->s;
  }
}

class Rect extends Shape {
  public function __construct(private int $w, private int $h) {}
  public function area(): int {
    return $this->w * $this->h;
  }
  public function name(): string {
    return "rect";
  }
}

final class Unit extends Sq {
  public function __construct() {
    parent::__construct(1);
  }
}

interface Named {
  public function name(): string;
}

class Tag implements Named {
  public function __construct(private string $t) {}
  public function name(): string {
    return "tag:" . $this->t;
  }
}

function via_shape(Shape $s): int {
  return $s->twice() + strlen($s->name());
}

function via_sq(Sq $s): int {
  return $s->area() + $s->twice();
}

function via_named(?Named $n): string {
  return $n->name();
}

<<__EntryPoint>>
function main(): void {
  $shapes = vec[new Sq(3), new Rect(2, 5), new Unit()];
  $sqs = vec[new Sq(4), new Unit()];
  $t = 0;
  $names = "";
  for ($i = 0; $i < 3000; $i++) {
    foreach ($shapes as $s) {
      $t += via_shape($s);
    }
    foreach ($sqs as $s) {
      $t += via_sq($s);
    }
    $n = via_named(new Tag("t" . ($i % 3)));
    if ($i < 3) {
      $names .= $n . " ";
    }
  }
  echo $t, "\n", $names, "\n";
  try {
    echo via_named(null), "\n";
  } catch (Throwable $e) {
    // (HHVM throws BadMethodCallException, PHP an Error.)
    echo "caught\n";
  }
  echo via_shape(new Rect(1, 1)), " ", via_sq(new Unit()), "\n";
}
