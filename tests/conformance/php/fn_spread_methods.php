<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Spread arguments in method calls: instance (public, private from inside the class, through
// ?->), static (C::, self::, parent:: keeping $this), into variadic parameters and defaults.
class Base {
  public function __construct(protected int $scale = 1) {}
  public function sum(int ...$xs): int {
    return $this->scale * array_sum($xs);
  }
  public static function join(string $sep, string ...$parts): string {
    return implode($sep, $parts);
  }
}
class Calc extends Base {
  private function pair(int $a, int $b = 100): string {
    return $a.'/'.$b;
  }
  public function sum(int ...$xs): int {
    return parent::sum(...$xs) + 1;
  }
  public function run(array $v): string {
    return $this->pair(...$v).' '.self::join('-', 'x', ...['y', 'z']);
  }
}
function maybe(bool $b): ?Calc {
  return $b ? new Calc(3) : null;
}
function main(): void {
  $c = new Calc(2);
  echo $c->sum(...[1, 2, 3]), " ", $c->sum(4, ...[5]), " ", $c->sum(...[]), "\n";
  echo $c->run([7]), " ", $c->run([7, 8]), "\n";
  echo Base::join(', ', ...['a', 'b', 'c']), "|", Calc::join('+', 'p', ...['k' => 'q']), "\n";
  echo maybe(true)?->sum(...[1, 1]), "|", maybe(false)?->sum(...[1, 1]) ?? 'null', "\n";
  $args = [1, 2];
  $total = 0;
  for ($i = 0; $i < 3000; $i++) {
    $total += $c->sum(...$args);
  }
  echo $total, "\n";
  try {
    $c->nope(...[1]);
  } catch (Error $e) {
    echo hh_get_class($e), ": ", $e->getMessage(), "\n";
  }
}

main();
