<?hh
// Protected members at run time: a protected property or method is reachable from the class
// that first declared it and from every class related to it (subclasses, parents, siblings
// under the same root), through any object; from global code or an unrelated class, reads,
// writes and calls throw Error. isset() and ?? on a property never throw: an inaccessible,
// undefined or uninitialized property, or a null object, counts as unset. Hot, so every tier's
// property and call sites meet the checks.

abstract class Shape {
  protected int $sides = 0;
  protected ?string $label = null;
  protected function area(): float { return 0.0; }
  public function describe(): string {
    return $this->name() . ":" . $this->sides . ":" . (string)$this->area();
  }
  protected function name(): string { return "shape"; }
  // A parent reading a protected property that only a subclass declares.
  public function extra(): int { return $this instanceof Square ? $this->side : -1; }
}

class Square extends Shape {
  protected int $side;
  public function __construct(int $side) { $this->side = $side; $this->sides = 4; }
  protected function area(): float { return (float)($this->side * $this->side); }
  // Widened to public by the override.
  public function name(): string { return "square"; }
  // Another instance's protected members, and a sibling's through the shared root.
  public function bigger(Shape $o): bool { return $this->area() > $o->area(); }
  public function sidesOf(Shape $o): int { return $o->sides; }
  public function closureArea(): (function(): float) { return () ==> $this->area(); }
}

class Tri extends Shape {
  public function __construct() { $this->sides = 3; $this->label = "tri"; }
  protected function area(): float { return 1.5; }
  public function label(): string { return $this->label ?? "none"; }
}

class Stranger {
  public function peek(Shape $s): string {
    try {
      return (string)$s->sides;
    } catch (Error $e) {
      return $e->getMessage();
    }
  }
  public function poke(Shape $s): string {
    try {
      return (string)$s->area();
    } catch (Error $e) {
      return $e->getMessage();
    }
  }
  public function has(Shape $s): bool { return isset($s->sides); }
}

class Box {
  public ?Box $inner = null;
  public int $n = 1;
  public ?int $maybe = null;
  private int $secret = 9;
  protected int $guarded = 8;
}

function attempt((function(): mixed) $f): string {
  try {
    $v = $f();
    return $v is null ? "null" : (string)$v;
  } catch (Error $e) {
    return get_class($e) . ": " . $e->getMessage();
  }
}

<<__EntryPoint>>
function main(): void {
  $sq = new Square(3);
  $tr = new Tri();
  echo $sq->describe(), " ", $tr->describe(), " ", $sq->extra(), " ", $tr->extra(), "\n";
  echo $sq->name(), " ", $sq->bigger($tr) ? "bigger" : "smaller", " ", $sq->sidesOf($tr), "\n";
  echo ($sq->closureArea())(), " ", $tr->label(), "\n";
  echo attempt(() ==> $sq->sides), "\n";
  echo attempt(() ==> $tr->area()), "\n";
  echo attempt(() ==> $sq->area()), "\n";
  $st = new Stranger();
  echo $st->peek($sq), " | ", $st->poke($tr), "\n";
  try {
    $sq->sides = 5;
    echo "wrote\n";
  } catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }

  // isset and ?? on properties.
  $b = new Box();
  $nb = null;
  var_dump(isset($b->n), isset($b->maybe), isset($b->inner), isset($b->inner->n));
  var_dump(isset($b->secret), isset($b->guarded), isset($b->nope), isset($nb->n));
  var_dump($b->maybe ?? "d1", $b->inner?->n ?? "d2", $b->secret ?? "d3", $b->nope ?? "d4");
  var_dump($nb->n ?? "d5", $b->inner->inner->n ?? "d6", $st->has($sq));
  $b->inner = new Box();
  $b->inner->maybe = 7;
  var_dump(isset($b->inner->maybe), $b->inner->maybe ?? 0, $b->inner?->n);
  // (A class without properties of its own: HHVM lists a subclass's own properties before its
  // parent's, PHP after; fmt_var_dump_prop_order_hhvm covers that.)
  var_dump(new Tri());

  // Exceptions' message is protected: getMessage() reads it, global code cannot.
  $ex = new Exception("boom");
  echo attempt(() ==> $ex->message), " ", isset($ex->message) ? "set" : "unset", " ", $ex->getMessage(), "\n";

  // Hot: every tier's sites.
  $t = 0.0;
  $errors = 0;
  $unset = 0;
  for ($i = 0; $i < 3000; $i++) {
    $s = $i % 2 === 0 ? $sq : $tr;
    $t += (float)$sq->sidesOf($s) + ($sq->bigger($s) ? 1.0 : 0.0);
    try {
      $t += $s->area();
    } catch (Error $e) {
      $errors++;
    }
    if (!isset($s->label)) {
      $unset++;
    }
    $t += (float)($b->inner?->maybe ?? 0) + (float)($s->label ?? 1);
  }
  echo $t, " ", $errors, " ", $unset, "\n";
}
