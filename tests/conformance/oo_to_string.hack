// Objects in string context (echo, `.`, `.=`, interpolation, `(string)`) convert by their
// `__toString()`; an object without one is an Error; a `__toString()` that throws propagates.
class Money {
  public function __construct(private int $cents) {}
  public function __toString(): string {
    return sprintf('$%d.%02d', intdiv($this->cents, 100), $this->cents % 100);
  }
}
class Loud {
  public function __toString(): string {
    echo "[converting]";
    return 'LOUD';
  }
}
class Broken {
  public function __toString(): string {
    throw new Exception('cannot render');
  }
}
class Plain {}
function attempt(string $what, (function(): string) $f): void {
  try {
    $s = $f();
    echo $what, ": ", $s, "\n";
  } catch (Throwable $e) {
    echo $what, ": ", get_class($e), ": ", $e->getMessage(), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  $m = new Money(12345);
  echo $m, "\n";
  echo "total: " . $m . "\n";
  echo "interpolated: $m and {$m}\n";
  $s = 'sum=';
  $s .= $m;
  echo $s, " ", (string)$m, " ", strlen((string)$m), "\n";
  echo 'x' . new Loud() . "\n";
  attempt('plain concat', () ==> 'a' . new Plain());
  attempt('plain cast', () ==> (string)new Plain());
  attempt('plain interpolation', () ==> { $p = new Plain(); return "p=$p"; });
  attempt('broken', () ==> 'b' . new Broken());
  try {
    echo new Plain();
  } catch (Error $e) {
    echo "echo: ", $e->getMessage(), "\n";
  }
  $total = '';
  for ($i = 0; $i < 2000; $i++) {
    $total .= new Money($i);
  }
  echo strlen($total), "\n";
}
