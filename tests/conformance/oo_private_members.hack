<?hh
// Private members belong to the class that declares them: a subclass's private property of
// the same name is another property (another type too), a call from a class to its private
// method is not dispatched on the object's class (a subclass's method of that name, private or
// public, is another method), closures and static methods inside the class see its private
// members, and an object of an unrelated class is accessed by the plain name. Hot loops so
// that the optimized tiers compile it all.

class Base {
  private int $x = 1;
  public function __construct(private string $tag = "base") {}
  public function baseX(): int { return $this->x; }
  public function setBaseX(int $v): void { $this->x = $v; }
  public function baseTag(): string { return $this->tag; }
  private function who(): string { return "Base"; }
  public function whoFromBase(): string { return $this->who(); }
  private function weight(): int { return $this->x * 10; }
  public static function heavier(Base $a, Base $b): bool {
    return $a->weight() > $b->weight();
  }
  public function adder(): (function(int): int) {
    return $n ==> $n + $this->x;
  }
}

class Mid extends Base {
  private string $x = "mid";
  public function __construct(private int $tag = 42) { parent::__construct("from mid"); }
  public function midX(): string { return $this->x; }
  public function midTag(): int { return $this->tag; }
  private function who(): string { return "Mid"; }
  public function whoFromMid(): string { return $this->who(); }
  private function weight(): int { return 1000; }
}

class Leaf extends Mid {
  public function who(): string { return "Leaf"; }
}

class Other {
  public int $x = 7;
  public function who(): string { return "Other"; }
}

class Peer {
  private int $x = 100;
  private function who(): string { return "Peer"; }
  public function sum(Other $o, Peer $p): int { return $o->x + $p->x + $this->x; }
  public function names(Other $o): string { return $o->who() . "/" . $this->who(); }
}

<<__EntryPoint>>
function main(): void {
  $m = new Mid();
  $m->setBaseX(5);
  echo $m->baseX(), " ", $m->midX(), " ", $m->baseTag(), " ", $m->midTag(), "\n";
  echo $m->whoFromBase(), " ", $m->whoFromMid(), "\n";
  $l = new Leaf(7);
  echo $l->whoFromBase(), " ", $l->whoFromMid(), " ", $l->who(), "\n";
  echo Base::heavier($m, new Base()) ? "yes" : "no", " ",
    Base::heavier(new Base(), $m) ? "yes" : "no", "\n";
  $add = $m->adder();
  echo $add(10), "\n";
  $peer = new Peer();
  echo $peer->sum(new Other(), new Peer()), " ", $peer->names(new Other()), "\n";

  // Hot: every tier compiles these call sites, with Base, Mid and Leaf receivers.
  $objs = vec[new Base("b"), new Mid(1), new Leaf(2)];
  $t = 0;
  $s = "";
  for ($i = 0; $i < 3000; $i++) {
    $o = $objs[$i % 3];
    $o->setBaseX($i % 17);
    $t += $o->baseX() + strlen($o->baseTag()) + strlen($o->whoFromBase());
    if ($o is Mid) {
      $t += strlen($o->midX()) + $o->midTag() + strlen($o->whoFromMid());
    }
    if ($i % 1000 === 999) {
      $s .= $o->whoFromBase() . ($o is Mid ? $o->whoFromMid() : "-") . ";";
    }
  }
  echo $t, " ", $s, "\n";
}
