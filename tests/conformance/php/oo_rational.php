<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// An immutable rational-number class: normalization with gcd, arithmetic,
// comparison, static factories and constants, parsing, continued fractions,
// harmonic numbers and an exact Egyptian-fraction expansion.

final class Rational {
  const MAX_DEN = 1000000000;
  private static int $created = 0;

  private function __construct(public int $num, public int $den) {
    self::$created++;
  }

  public static function of(int $n, int $d = 1): Rational {
    if ($d === 0) {
      throw new DivisionByZeroError("zero denominator");
    }
    if ($d < 0) { $n = -$n; $d = -$d; }
    $g = self::gcd(abs($n), $d);
    return new Rational(intdiv($n, $g), intdiv($d, $g));
  }

  public static function parse(string $s): Rational {
    $parts = explode("/", trim($s));
    if (count($parts) === 1) { return self::of((int)$parts[0]); }
    return self::of((int)$parts[0], (int)$parts[1]);
  }

  public static function created(): int { return self::$created; }

  private static function gcd(int $a, int $b): int {
    while ($b !== 0) {
      $t = $a % $b;
      $a = $b;
      $b = $t;
    }
    return $a === 0 ? 1 : $a;
  }

  public function add(Rational $o): Rational { return self::of($this->num * $o->den + $o->num * $this->den, $this->den * $o->den); }
  public function sub(Rational $o): Rational { return $this->add($o->neg()); }
  public function mul(Rational $o): Rational { return self::of($this->num * $o->num, $this->den * $o->den); }
  public function div(Rational $o): Rational { return self::of($this->num * $o->den, $this->den * $o->num); }
  public function neg(): Rational { return new Rational(-$this->num, $this->den); }
  public function compare(Rational $o): int { return ($this->num * $o->den) <=> ($o->num * $this->den); }
  public function toFloat(): float { return (float)$this->num / $this->den; }
  public function isInteger(): bool { return $this->den === 1; }

  public function toString(): string {
    return $this->den === 1 ? (string)$this->num : $this->num . "/" . $this->den;
  }

  public function continuedFraction(): array {
    $out = [];
    $n = $this->num;
    $d = $this->den;
    while ($d !== 0) {
      $q = (int)floor($n / $d);
      $out[] = $q;
      list($n, $d) = [$d, $n - $q * $d];
    }
    return $out;
  }

  public function egyptian(): array {
    $out = [];
    $r = $this;
    while ($r->num !== 0) {
      $c = intdiv($r->den + $r->num - 1, $r->num);
      $unit = self::of(1, $c);
      $out[] = $unit;
      $r = $r->sub($unit);
    }
    return $out;
  }
}

function show(Rational $r): string { return $r->toString(); }

function main(): void {
  $a = Rational::of(6, -8);
  $b = Rational::parse(" 5/12 ");
  echo show($a), " ", show($b), "\n";
  echo show($a->add($b)), " ", show($a->sub($b)), " ", show($a->mul($b)), " ", show($a->div($b)), "\n";
  echo $a->compare($b), " ", $b->compare($a), " ", $a->compare(Rational::of(-3, 4)), "\n";
  echo $a == Rational::of(-3, 4) ? "equal values" : "different", ", ", $a === Rational::of(-3, 4) ? "same object" : "different objects", "\n";
  echo $a->toFloat(), " ", Rational::of(1, 3)->toFloat(), " ", Rational::of(10, 5)->isInteger() ? "integer" : "fraction", "\n";
  $h = Rational::of(0);
  $hs = [];
  for ($i = 1; $i <= 10; $i++) {
    $h = $h->add(Rational::of(1, $i));
    $hs[] = show($h);
  }
  echo "H: ", implode(" ", $hs), "\n";
  $list = Vec\map(explode(",", "3/4,-1/2,5/6,2/3,0,7/8,1/3"), fn($s) => Rational::parse($s));
  $sorted = Vec\sort($list, fn($x, $y) => $x->compare($y));
  echo "sorted: ", implode(" ", Vec\map($sorted, fn($r) => show($r))), "\n";
  $sum = C\reduce($list, fn($acc, $r) => $acc->add($r), Rational::of(0));
  echo "sum: ", show($sum), " = ", round($sum->toFloat(), 6), "\n";
  echo "cf(415/93): [", implode(", ", Rational::of(415, 93)->continuedFraction()), "]\n";
  echo "cf(-7/3): [", implode(", ", Rational::of(-7, 3)->continuedFraction()), "]\n";
  echo "4/13 = ", implode(" + ", Vec\map(Rational::of(4, 13)->egyptian(), fn($r) => show($r))), "\n";
  try {
    Rational::parse("1/0");
  } catch (DivisionByZeroError $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
  try {
    $a->div(Rational::of(0));
  } catch (DivisionByZeroError $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
  echo "MAX_DEN ", Rational::MAX_DEN, ", objects created: ", Rational::created(), "\n";
}

main();
