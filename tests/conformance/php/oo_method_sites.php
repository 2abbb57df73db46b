<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Method call sites that one method dominates, then see others: calls through the same site on
// receivers of the class the profile saw, of a subclass that inherits the method, of a subclass
// and an unrelated class that override it, on null and on a non-object (both caught); a method
// that throws through the call; too few arguments (HHVM and PHP throw different classes there,
// and on null: the program only says "caught"); a method with a default argument; a method
// that calls itself; property reads on a class, its subclass and an unrelated class with the
// same names. Every phase runs hot enough to be compiled by every tier.

class Square {
  public function __construct(protected int $side) {}
  public function area(): int {
    return $this->side * $this->side;
  }
  public function scaled(int $k, int $extra = 1): int {
    return $this->area() * $k + $extra;
  }
  public function check(int $limit): int {
    if ($this->side > $limit) {
      throw new InvalidArgumentException("side " . $this->side . " over " . $limit);
    }
    return $this->side;
  }
  public function depth(int $n): int {
    return $n <= 0 ? $this->side : $this->depth($n - 1) + 1;
  }
}

class BigSquare extends Square {}

class Frame extends Square {
  public function area(): int {
    return parent::area() - ($this->side - 2) * ($this->side - 2);
  }
}

final class Circle {
  public function __construct(private int $r) {}
  public function area(): int {
    return 3 * $this->r * $this->r;
  }
  public function scaled(int $k, int $extra = 1): int {
    return -$k - $extra;
  }
}

// Property reads through one site: a subclass has its parent's slots at the same places, an
// unrelated class has the same names elsewhere.
class Point {
  public function __construct(public int $x, public int $y) {}
}

class Point3 extends Point {
  public function __construct(int $x, int $y, public int $z) {
    parent::__construct($x, $y);
  }
}

class Pair {
  public function __construct(public string $label, public int $y, public int $x) {}
}

function xs(array $v): int {
  $t = 0;
  foreach ($v as $o) {
    $t += ($o)->x * 10 + ($o)->y;
  }
  return $t;
}

function total_area(array $shapes, int $rounds): int {
  $t = 0;
  for ($r = 0; $r < $rounds; $r++) {
    foreach ($shapes as $s) {
      $t += ($s)->area();
    }
  }
  return $t;
}

function total_scaled(array $shapes, int $k): int {
  $t = 0;
  foreach ($shapes as $s) {
    $t += ($s)->scaled($k) + ($s)->scaled($k, 0);
  }
  return $t;
}

function try_area(mixed $s): string {
  try {
    return (string)($s)->area();
  } catch (Exception|DivisionByZeroError $e) {
    return "caught";
  } catch (Error $e) {
    return "caught";
  }
}

function checked(array $v, int $limit): string {
  $sum = 0;
  try {
    foreach ($v as $s) {
      $sum += $s->check($limit);
    }
    return "sum " . $sum;
  } catch (InvalidArgumentException $e) {
    return "after " . $sum . ": " . $e->getMessage();
  }
}

function main(): void {
  $squares = [];
  for ($i = 1; $i <= 20; $i++) {
    $squares[] = new Square($i);
  }
  echo "squares: ", total_area($squares, 300), "\n";
  echo "inherited: ", total_area([new BigSquare(3), new Square(4), new BigSquare(5)], 200), "\n";
  echo "overridden: ", total_area([new Frame(5), new Square(5), new Circle(2)], 200), "\n";
  echo "scaled: ", total_scaled($squares, 3), " ", total_scaled([new Circle(1), new Frame(4)], 2),
    "\n";
  $mixed = [new Square(2), null, 7, new Circle(1), "x"];
  foreach ($mixed as $m) {
    echo try_area($m), " ";
  }
  echo "\n";
  echo checked($squares, 100), "\n";
  for ($i = 0; $i < 500; $i++) {
    checked($squares, 100);
  }
  echo checked($squares, 12), "\n";
  $points = [new Point(1, 2), new Point3(3, 4, 5), new Pair("a", 6, 7), new Point(8, 9)];
  $sum = 0;
  for ($i = 0; $i < 400; $i++) {
    $sum += xs($points);
  }
  echo "points: ", $sum, "\n";
  $deep = 0;
  for ($i = 0; $i < 300; $i++) {
    $deep += $squares[$i % 20]->depth($i % 50);
  }
  echo "depth: ", $deep, "\n";
  try {
    echo ($squares[0])->scaled();
  } catch (Exception|DivisionByZeroError $e) {
    echo "too few: caught\n";
  } catch (Error $e) {
    echo "too few: caught\n";
  }
}

main();
