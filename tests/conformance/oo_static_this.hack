<?hh
// $this in a static method (directly, not through a closure) throws Error "Using $this when not
// in object context" where it runs (it read the hidden late-static-bound class id before);
// static:: in a closure of a static method and $this in an instance method still work.
class A {
  public int $x = 1;
  public static function m(): string {
    try { var_dump($this); return "no"; } catch (Error $e) { return $e->getMessage(); }
  }
  public static function viaClosure(): string {
    $f = () ==> static::class;
    return $f();
  }
  public function inst(): int { return $this->x; }
}
<<__EntryPoint>>
function main(): void {
  echo A::m(), "\n", A::viaClosure(), " ", (new A())->inst(), "\n";
}
