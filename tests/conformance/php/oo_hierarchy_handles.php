<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Classes: a 4-deep chain whose base-class template method calls hooks overridden at
// different levels (with parent:: chains), self:: vs static:: for constants, static methods
// and static properties (shared vs redeclared), promoted constructor parameters with defaults
// through parent::__construct, interfaces with constants, instanceof/is across the hierarchy,
// objects as handles inside vecs/dicts (mutated through nested element/property paths),
// == vs ===, and a hot call site that sees 6 classes, then a 7th one late.

interface Shape { const UNIT = "cm"; public function area(): int; }
interface Labeled { public function label(): string; }

abstract class Base implements Shape, Labeled {
  const RANK = 1;
  const TAG = "base";
  public static int $made = 0;
  public static array $trail = [];
  public function __construct(protected int $w = 1, protected int $h = 1) {
    self::$made++;
    static::$trail[] = static::TAG;
  }
  public function label(): string {
    return static::TAG . "/" . self::TAG . ":" . static::RANK . ":" . $this->area() . $this->extra();
  }
  protected function extra(): string { return ""; }
  public static function kind(): string { return "base"; }
  public function kinds(): string { return static::kind() . "|" . self::kind(); }
  public static function create(int $w): static { return new static($w); }
}
class Rect extends Base {
  const TAG = "rect";
  public function area(): int { return $this->w * $this->h; }
  protected function extra(): string { return "+r"; }
  public static function kind(): string { return "rect"; }
}
class Square extends Rect {
  const RANK = 3;
  const TAG = "square";
  public static array $trail = [];
  public function __construct(int $side = 2) { parent::__construct($side, $side); }
  protected function extra(): string { return parent::extra() . "+s"; }
}
final class Cube extends Square {
  const TAG = "cube";
  public function __construct(int $side, public int $depth = 3) { parent::__construct($side); }
  public function area(): int { return parent::area() * $this->depth; }
  protected function extra(): string { return parent::extra() . "+c" . $this->depth; }
  public static function kind(): string { return "cube<" . parent::kind(); }
}
class Tri extends Base {
  const TAG = "tri";
  public function area(): int { return intdiv($this->w * $this->h, 2); }
}
class Line extends Base {
  const RANK = 0;
  public function area(): int { return 0; }
  public function label(): string { return "line(" . parent::label() . ")"; }
}
class Dot extends Line { public function area(): int { return 1; } }
final class Late extends Tri { const TAG = "late"; protected function extra(): string { return "!"; } }

final class Box { public function __construct(public int $n = 0, public array $xs = [], public ?Box $inner = null) {} }

function main(): void {
  $shapes = [new Rect(3, 4), new Square(), new Cube(2), new Cube(2, 5), new Tri(5, 3), new Line(), new Dot(9, 9), Rect::create(7), Cube::create(4)];
  foreach ($shapes as $s) {
    echo Str\pad_right(hh_get_class($s), 7), $s->label(), " ", $s->kinds(), " ", $s instanceof Rect ? "R" : "-",
      $s instanceof Square ? "S" : "-", ($s instanceof Shape) ? "I" : "-", ($s instanceof Labeled) ? "L" : "-", $s instanceof Line ? "N" : "-", "\n";
  }
  echo Base::$made, " ", Rect::$made, " ", Str\join(Base::$trail, ","), " | ", Str\join(Square::$trail, ","), " ", Cube::UNIT, Cube::RANK, Dot::TAG, "\n";

  // Objects are handles: writes through vec/dict elements and nested properties are shared.
  $b1 = new Box(1);
  $b2 = new Box(2, [], $b1);
  $v = [$b1, $b2, $b1];
  $d = ['one' => $b1, 'two' => $b2];
  for ($i = 0; $i < 3000; $i++) {
    $v[$i % 3]->n++;
    $d['two']->inner->xs[] = $i % 7;
    $v[1]->inner->n += 2;
  }
  $copy = $v;
  $copy[0] = new Box(100);
  $copy[1]->n = -1;
  echo $b1->n, " ", $b2->n, " ", count($b1->xs), " ", $v[0]->n, " ", $copy[0]->n, " ", $v[1] === $d['two'] ? "same" : "diff", " ",
    $v[0] === $v[2] ? "same" : "diff", " ", new Box(1, [2]) == new Box(1, [2]) ? "eq" : "ne", " ", new Box(1) === new Box(1) ? "id" : "nid", "\n";

  // Hot polymorphic call site: 6 classes, then a 7th after the loop has warmed up.
  $pool = [new Rect(2, 3), new Square(3), new Cube(1, 2), new Tri(4, 4), new Line(), new Dot()];
  $total = 0;
  $lens = 0;
  for ($i = 0; $i < 6000; $i++) {
    if ($i === 4500) { $pool[] = new Late(6, 2); }
    $s = $pool[($i * 5) % count($pool)];
    $total += $s->area();
    $lens += strlen($s->label());
    if (($s instanceof Rect) && !(($s instanceof Square))) { $total++; }
  }
  echo $total, " ", $lens, " ", Base::$made, " ", count(Base::$trail), " ", count(Square::$trail), " ", Square::kind(), " ", Cube::kind(), "\n";
}

main();
