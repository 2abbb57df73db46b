<?hh
class Counter {
  private int $n = 0;
  public function __construct(private string $name) {}
  public function bump(int $by): this {
    $this->n += $by;
    return $this;
  }
  public function total(): int { return $this->n; }
}
function risky(int $x): int {
  if ($x < 0) {
    throw new InvalidArgumentException("negative");
  }
  return $x * 2;
}
<<__EntryPoint>>
function main(): void {
  $c = new Counter("c");
  $sum = 0;
  foreach (vec[1, -2, 3] as $i => $x) {
    try {
      $sum += risky($x);
    } catch (InvalidArgumentException $e) {
      echo "skip $i: ", $e->getMessage(), "\n";
    } finally {
      $c->bump(1);
    }
  }
  $add = $y ==> $y + $sum;
  echo $c->total(), " ", $add(10), "\n";
}
