<?hh
// Class constants the front end folds (literal initializers, found through the parent chain)
// and those it leaves to the runtime (computed, from an interface, late static binding),
// read in hot loops so that compiled code reads them too.

const int BASE = 7;

interface HasLimit {
  const int LIMIT = 100;
}

abstract class Shape implements HasLimit {
  const string KIND = "shape";
  const int SIDES = 0;
  const float SCALE = 1.5;
  const int NEG = -3;
  const int FROM_TOP = BASE;
  const int COMPUTED = BASE * 6;
  const ?string NOTHING = null;
  const bool FLAG = true;

  public static function kindOf(): string {
    return static::KIND;
  }

  public function describe(): string {
    return self::KIND . "/" . static::KIND . "/" . static::SIDES;
  }
}

class Square extends Shape {
  const string KIND = "square";
  const int SIDES = 4;

  public function parentKind(): string {
    return parent::KIND;
  }
}

final class Cube extends Square {
  const int FACES = self::SIDES + 2;
}

enum Op: int {
  ADD = 1;
  SUB = 2;
  MUL = -3;
}

enum Color: string {
  RED = "r";
  GREEN = "g";
}

function apply(int $op, int $a, int $b): int {
  switch ($op) {
    case Op::ADD:
      return $a + $b;
    case Op::SUB:
      return $a - $b;
    case Op::MUL:
      return $a * $b;
  }
  return 0;
}

<<__EntryPoint>>
function main(): void {
  $acc = 0;
  $s = "";
  for ($i = 0; $i < 3000; $i++) {
    $acc += Square::SIDES * $i + Shape::NEG + Cube::FACES + Cube::LIMIT % 7;
    $acc += Shape::FROM_TOP + Shape::COMPUTED + Square::LIMIT;
    $acc = apply(($i % 3) === 0 ? Op::ADD : (($i % 3) === 1 ? Op::SUB : Op::MUL), $acc, 3) % 1000003;
    if ($i % 1000 === 0) {
      $s .= Cube::KIND . Color::GREEN;
    }
  }
  echo $acc, "\n", $s, "\n";
  var_dump(Shape::SCALE * 2, Shape::NOTHING, Square::FLAG, Cube::NEG, HasLimit::LIMIT);
  $c = new Cube();
  echo $c->describe(), " ", $c->parentKind(), " ", Cube::kindOf(), " ", Shape::kindOf(), "\n";
  echo Op::MUL, " ", Color::RED, " ", Square::KIND, " ", Shape::KIND, "\n";
}
