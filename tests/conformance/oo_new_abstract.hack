<?hh
// new static() and new self() on an abstract class, an interface's name and a concrete
// subclass: Error "Cannot instantiate abstract class" where the class is abstract, whether the
// class is named or late bound; hot, so the compiled new_obj sites check it too.

abstract class Shape {
  public static function make(): Shape { return new static(); }
  public function hi(): string { return "hi " . static::class; }
}
final class Sq extends Shape {}

function attempt((function(): Shape) $f): string {
  try {
    return $f()->hi();
  } catch (Error $e) {
    return "Error: " . $e->getMessage();
  }
}

<<__EntryPoint>>
function main(): void {
  echo attempt(() ==> Shape::make()), "\n";
  echo attempt(() ==> Sq::make()), "\n";
  $ok = 0;
  $err = 0;
  for ($i = 0; $i < 3000; $i++) {
    try {
      $s = $i % 3 === 0 ? Shape::make() : Sq::make();
      $ok += strlen($s->hi());
    } catch (Error $e) {
      $err++;
    }
  }
  echo $ok, " ", $err, "\n";
}
