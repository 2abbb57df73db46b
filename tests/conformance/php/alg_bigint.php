<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Arbitrary-precision non-negative integers as vecs of base-10000 limbs
// (least significant first): parse, add, subtract, multiply, small
// division with remainder, comparison, power, factorial, Fibonacci, digit sums.

final class BigNat {
  const BASE = 10000;

  private function __construct(private array $limbs) {}

  public static function fromString(string $s): BigNat {
    $limbs = [];
    for ($end = strlen($s); $end > 0; $end -= 4) {
      $start = max(0, $end - 4);
      $limbs[] = (int)substr($s, $start, $end - $start);
    }
    return self::trim($limbs);
  }

  public static function fromInt(int $n): BigNat { return self::fromString((string)$n); }

  private static function trim(array $l): BigNat {
    $n = count($l);
    while ($n > 1 && $l[$n - 1] === 0) { $n--; }
    return new BigNat(Vec\take($l, $n));
  }

  public function toString(): string {
    $n = count($this->limbs);
    $s = (string)$this->limbs[$n - 1];
    for ($i = $n - 2; $i >= 0; $i--) {
      $s .= Str\pad_left((string)$this->limbs[$i], 4, "0");
    }
    return $s;
  }

  public function cmp(BigNat $o): int {
    $a = $this->limbs;
    $b = $o->limbs;
    if (count($a) !== count($b)) { return count($a) <=> count($b); }
    for ($i = count($a) - 1; $i >= 0; $i--) {
      if ($a[$i] !== $b[$i]) { return $a[$i] <=> $b[$i]; }
    }
    return 0;
  }

  public function add(BigNat $o): BigNat {
    $out = [];
    $carry = 0;
    $n = max(count($this->limbs), count($o->limbs));
    for ($i = 0; $i < $n; $i++) {
      $s = ($this->limbs[$i] ?? 0) + ($o->limbs[$i] ?? 0) + $carry;
      $out[] = $s % self::BASE;
      $carry = intdiv($s, self::BASE);
    }
    if ($carry > 0) { $out[] = $carry; }
    return self::trim($out);
  }

  public function sub(BigNat $o): BigNat {
    invariant($this->cmp($o) >= 0, "negative result: %s - %s", $this->toString(), $o->toString());
    $out = [];
    $borrow = 0;
    foreach ($this->limbs as $i => $limb) {
      $d = $limb - ($o->limbs[$i] ?? 0) - $borrow;
      $borrow = $d < 0 ? 1 : 0;
      $out[] = $d + $borrow * self::BASE;
    }
    return self::trim($out);
  }

  public function mul(BigNat $o): BigNat {
    $out = Vec\fill(count($this->limbs) + count($o->limbs), 0);
    foreach ($this->limbs as $i => $a) {
      $carry = 0;
      foreach ($o->limbs as $j => $b) {
        $cur = $out[$i + $j] + $a * $b + $carry;
        $out[$i + $j] = $cur % self::BASE;
        $carry = intdiv($cur, self::BASE);
      }
      $k = $i + count($o->limbs);
      while ($carry > 0) {
        $cur = $out[$k] + $carry;
        $out[$k] = $cur % self::BASE;
        $carry = intdiv($cur, self::BASE);
        $k++;
      }
    }
    return self::trim($out);
  }

  // returns vec[quotient, remainder]
  public function divSmall(int $d): array {
    $out = Vec\fill(count($this->limbs), 0);
    $rem = 0;
    for ($i = count($this->limbs) - 1; $i >= 0; $i--) {
      $cur = $rem * self::BASE + $this->limbs[$i];
      $out[$i] = intdiv($cur, $d);
      $rem = $cur % $d;
    }
    return [self::trim($out), $rem];
  }

  public function pow(int $e): BigNat {
    $r = self::fromInt(1);
    $b = $this;
    for (; $e > 0; $e = $e >> 1) {
      if (($e & 1) === 1) { $r = $r->mul($b); }
      $b = $b->mul($b);
    }
    return $r;
  }

  public function digitSum(): int {
    return Math\sum(Vec\map(str_split($this->toString()), fn($c) => (int)$c));
  }
}

function main(): void {
  $two = BigNat::fromInt(2);
  echo "2^64  = ", $two->pow(64)->toString(), "\n";
  echo "2^200 = ", $two->pow(200)->toString(), "\n";
  $f = BigNat::fromInt(1);
  for ($i = 2; $i <= 40; $i++) { $f = $f->mul(BigNat::fromInt($i)); }
  echo "40!   = ", $f->toString(), " (digit sum ", $f->digitSum(), ")\n";
  list($a, $b) = [BigNat::fromInt(0), BigNat::fromInt(1)];
  for ($i = 0; $i < 150; $i++) { list($a, $b) = [$b, $a->add($b)]; }
  echo "F150  = ", $a->toString(), "\n";
  $x = BigNat::fromString("123456789012345678901234567890");
  $y = BigNat::fromString("987654321098765432109876543210");
  echo "x+y   = ", $x->add($y)->toString(), "\n";
  echo "y-x   = ", $y->sub($x)->toString(), "\n";
  echo "x*y   = ", $x->mul($y)->toString(), "\n";
  list($q, $r) = $y->divSmall(9973);
  echo "y/9973 = ", $q->toString(), " rem ", $r, "\n";
  echo "check: ", $q->mul(BigNat::fromInt(9973))->add(BigNat::fromInt($r))->cmp($y) === 0 ? "ok" : "bad", "\n";
  echo "cmp: ", $x->cmp($y), " ", $y->cmp($x), " ", $x->cmp(BigNat::fromString("000123456789012345678901234567890")), "\n";
  echo "10000-1 = ", BigNat::fromInt(10000)->sub(BigNat::fromInt(1))->toString(), ", 0*x = ", BigNat::fromInt(0)->mul($x)->toString(), "\n";
  try {
    $x->sub($y);
  } catch (InvariantException $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
}

main();
