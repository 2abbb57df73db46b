<?hh
// oracle: hand
// Closures as values, as HHVM's Closure objects: `is Closure`, `instanceof Closure` and a `Closure`
// parameter; function-type hints are not enforced (a callable string passes, as in HHVM);
// `classname<T>` takes a class name string; == is identity (two closures are never equal, nor a
// closure and a string); a closure in a string context is an Error. Lambdas inside generic code
// take `T`-typed parameters and returns (erased); an implicitly capturing lambda captures a local
// assigned later in the loop body, by value at its creation.

class Foo {}

function takes(Closure $c): int {
  return $c(2);
}

function app((function(string): string) $f, string $s): string {
  return $f($s);
}

function cn(classname<Foo> $c): string {
  return $c;
}

function wrap<T>(vec<T> $xs): vec<string> {
  return Vec\map($xs, (T $x): string ==> "<" . (string)$x . ">");
}

final class Box<T> {
  public function __construct(private T $v) {}
  public function get(): T {
    $f = (): T ==> $this->v;
    return $f();
  }
  public function map<Tu>((function(T): Tu) $f): Box<Tu> {
    $g = (T $x): Tu ==> $f($x);
    return new Box($g($this->v));
  }
}

function b(bool $v): string {
  return $v ? "T" : "F";
}

<<__EntryPoint>>
function main(): void {
  $f = ($x) ==> $x * 3;
  $g = ($x) ==> $x * 3;
  echo b($f is Closure), b($f instanceof Closure), b("strlen" is Closure), " ", takes($f), "\n";
  echo app('strtoupper', "abc"), " ", app($s ==> $s . "!", "hi"), " ", cn(Foo::class), "\n";
  echo b($f == $g), b($f != $g), b($f == $f), b($f === $f), b($f === $g), "\n";
  echo b(C\contains(vec[$f], $g)), b(C\contains(vec[$f], $f)), b(vec[$f] == vec[$g]), b($f == "x"), b("x" != $f), "\n";
  try {
    echo "a" . $f, "\n";
  } catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
  try {
    echo (string)$g, "\n";
  } catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
  $s = "x";
  try {
    $s .= $f;
  } catch (Error $e) {
    echo "append: ", $e->getMessage(), " (", $s, ")\n";
  }
  try {
    echo $f;
  } catch (Error $e) {
    echo "echo: ", $e->getMessage(), "\n";
  }
  try {
    echo "v: $f\n";
  } catch (Error $e) {
    echo "interpolation: ", $e->getMessage(), "\n";
  }

  echo implode(",", wrap(vec[1, 2])), " ", (new Box(7))->get(), " ", (new Box(4))->map($x ==> $x * 10)->get(), "\n";

  $out = vec[];
  for ($i = 0; $i < 4; $i++) {
    if ($i > 0) {
      $h = () ==> $prev;
      $out[] = $h();
    }
    $prev = $i * 10;
  }
  echo implode(",", $out), "\n";
  $later = "later";
  $k = () ==> $later . "!";
  $later = "changed";
  echo $k(), "\n";
  // The HSL by its full name as a callable string.
  $up = 'HH\Lib\Str\uppercase';
  echo $up("c"), implode("", Vec\map(vec["a", "b"], 'HH\Lib\Str\uppercase')), "\n";
}
