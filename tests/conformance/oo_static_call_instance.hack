// An instance method called statically (`A::m()`) is an Error unless the caller is an instance
// method of the method's class or a subclass, whose `$this` it then gets (`parent::m()`, `A::m()`).
class A {
  public int $x = 5;
  public function i(): int {
    return $this->x;
  }
  public function plain(): string {
    return 'plain';
  }
  public static function fromStatic(): int {
    return A::i();
  }
}
class B extends A {
  public int $x = 7;
  public function i(): int {
    return parent::i() * 10 + A::i();
  }
  public static function viaParent(): int {
    return parent::i();
  }
}
class Unrelated {
  public int $x = 9;
  public function call(): int {
    return A::i();
  }
}
function attempt(string $what, (function(): mixed) $f): void {
  try {
    $r = $f();
    echo $what, ": ", $r, "\n";
  } catch (Error $e) {
    echo $what, ": ", get_class($e), ": ", $e->getMessage(), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  echo "start\n";
  attempt('global', () ==> A::i());
  attempt('no $this use', () ==> A::plain());
  attempt('static method', () ==> A::fromStatic());
  attempt('parent:: from static', () ==> B::viaParent());
  attempt('unrelated instance', () ==> (new Unrelated())->call());
  attempt('subclass instance', () ==> (new B())->i());
  for ($n = 0; $n < 3000; $n++) {
    try {
      A::i();
    } catch (Error $e) {
    }
  }
  echo "done\n";
}
