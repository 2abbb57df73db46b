<?hh
// oracle: hand
// Numeric kernels whose operand types change mid-run (int -> float -> int), to exercise
// speculation and deoptimization: polynomial evaluation, running statistics, a rational class,
// fixed-point money math, matrix ops over vec<vec<num>>, and integer/float boundaries.

final class Rational {
  public function __construct(public int $n, public int $d) {
    if ($d === 0) throw new DivisionByZeroException('zero denominator');
    if ($d < 0) { $this->n = -$n; $this->d = -$d; }
    $g = self::gcd(abs($this->n), $this->d);
    if ($g > 1) { $this->n = intdiv($this->n, $g); $this->d = intdiv($this->d, $g); }
  }
  public static function gcd(int $a, int $b): int { return $b === 0 ? ($a === 0 ? 1 : $a) : self::gcd($b, $a % $b); }
  public function add(Rational $o): Rational { return new Rational($this->n * $o->d + $o->n * $this->d, $this->d * $o->d); }
  public function mul(Rational $o): Rational { return new Rational($this->n * $o->n, $this->d * $o->d); }
  public function toFloat(): float { return $this->n / $this->d; }
  public function __toString(): string { return $this->d === 1 ? (string)$this->n : "{$this->n}/{$this->d}"; }
}

function horner(vec<num> $coef, num $x): num {
  $acc = 0;
  foreach ($coef as $c) $acc = $acc * $x + $c;
  return $acc;
}

final class Stats {
  private int $n = 0;
  private num $sum = 0;
  private float $mean = 0.0;
  private float $m2 = 0.0;
  private ?num $min = null;
  private ?num $max = null;
  public function push(num $x): void {
    $this->n++;
    $this->sum += $x;
    $delta = $x - $this->mean;
    $this->mean += $delta / $this->n;
    $this->m2 += $delta * ($x - $this->mean);
    $this->min = $this->min === null ? $x : min($this->min, $x);
    $this->max = $this->max === null ? $x : max($this->max, $x);
  }
  public function report(): string {
    $var = $this->n > 1 ? $this->m2 / ($this->n - 1) : 0.0;
    return sprintf('n=%d sum=%s(%s) mean=%.6f sd=%.6f min=%s max=%s', $this->n, (string)$this->sum, gettype($this->sum), $this->mean, sqrt($var), (string)$this->min, (string)$this->max);
  }
}

function matmul(vec<vec<num>> $a, vec<vec<num>> $b): vec<vec<num>> {
  $n = count($a); $m = count($b[0]); $k = count($b);
  $out = vec[];
  for ($i = 0; $i < $n; $i++) {
    $row = vec[];
    for ($j = 0; $j < $m; $j++) {
      $s = 0;
      for ($t = 0; $t < $k; $t++) $s += $a[$i][$t] * $b[$t][$j];
      $row[] = $s;
    }
    $out[] = $row;
  }
  return $out;
}

function showMat(vec<vec<num>> $m): string {
  return implode(' / ', Vec\map($m, $r ==> implode(' ', Vec\map($r, $x ==> ($x is int ? 'i' : 'f') . $x))));
}

function toCents(string $s): int {
  $neg = Str\starts_with($s, '-');
  if ($neg) $s = substr($s, 1);
  $parts = explode('.', $s);
  $c = (int)$parts[0] * 100;
  if (count($parts) > 1) $c += (int)str_pad(substr($parts[1], 0, 2), 2, '0');
  return $neg ? -$c : $c;
}

<<__EntryPoint>>
function main(): void {
  $poly = vec[2, -3, 0, 5];
  $xs = vec[0, 1, 2, -1, 0.5, 3, 1.5, 10, -2.25, 7];
  foreach ($xs as $x) {
    $y = horner($poly, $x);
    echo "p(", $x, ") = ", $y, " ", gettype($y), "\n";
  }
  for ($i = 0; $i < 300; $i++) { $z = horner($poly, $i % 7 === 0 ? $i / 2 : $i); }
  echo "last z=", $z, "\n";

  $st = new Stats();
  for ($i = 1; $i <= 50; $i++) $st->push($i);
  echo $st->report(), "\n";
  $st->push(0.5);
  $st->push(-100);
  echo $st->report(), "\n";

  $h = new Rational(0, 1);
  for ($i = 1; $i <= 12; $i++) {
    $h = $h->add(new Rational(1, $i));
    if ($i % 3 === 0) echo "H($i) = ", $h, " ~ ", round($h->toFloat(), 6), "\n";
  }
  $p = new Rational(-6, -8);
  echo "p=", $p, " p*p=", $p->mul($p), " p+(-p)=", $p->add(new Rational(-3, 4)), " p*4/3=", $p->mul(new Rational(4, 3)), "\n";
  try { new Rational(1, 0); } catch (DivisionByZeroException $e) { echo "caught ", $e->getMessage(), "\n"; }

  $a = vec[vec[1, 2], vec[3, 4]];
  $b = vec[vec[0.5, 0], vec[0, 2]];
  echo "a*a = ", showMat(matmul($a, $a)), "\n";
  echo "a*b = ", showMat(matmul($a, $b)), "\n";
  $id = vec[vec[1, 0], vec[0, 1]];
  $pow = $id;
  for ($i = 0; $i < 20; $i++) $pow = matmul($pow, vec[vec[1, 1], vec[1, 0]]);
  echo "fib matrix^20 = ", showMat($pow), "\n";
  for ($i = 0; $i < 80; $i++) $pow = matmul($pow, vec[vec[1, 1], vec[1, 0]]);
  echo "fib matrix^100 (wraps) = ", showMat($pow), "\n";

  foreach (vec['12.34', '-0.5', '7', '3.999', '0.07', '-12.3', '100.'] as $s) echo "  $s -> ", toCents($s), "\n";
  $total = 0;
  foreach (vec['19.99', '5.01', '0.10', '0.20'] as $s) $total += toCents($s);
  echo "total cents $total = ", number_format($total / 100, 2), "\n";

  // boundaries
  $vals = vec[PHP_INT_MAX, PHP_INT_MIN, 0, -0.0, 1e15, 1e16, 123456789012345678, 0.1 + 0.2, 1/3, 2**53, 2**53 + 1, (float)(2**53) + 1.0];
  foreach ($vals as $v) {
    echo "  ", var_str($v), " int=", (int)$v, " str=", (string)$v, " round=", round((float)$v, 2), " ==int:", ($v == (int)$v ? 'y' : 'n'), "\n";
  }
  echo "mix: ", 7 / 2, ' ', 8 / 2, ' ', 7 % 3, ' ', -7 % 3, ' ', fmod(-7.5, 2), ' ', intdiv(-7, 2), ' ', 2 ** -1, ' ', 2 ** 62, ' ', (-2) ** 63, ' ', 2 ** 64, "\n";
  echo "cmp: ", 1 == 1.0 ? 'y' : 'n', ' ', 0.1 + 0.2 == 0.3 ? 'y' : 'n', ' ', abs(0.1 + 0.2 - 0.3) < 1e-9 ? 'y' : 'n', ' ', PHP_INT_MAX == (float)PHP_INT_MAX ? 'y' : 'n', ' ', 9007199254740993 == 9007199254740992.0 ? 'y' : 'n', "\n";
  $acc = 0;
  for ($i = 0; $i < 1000; $i++) {
    $acc += ($i % 10 === 9) ? 0.5 : 1;
    if ($i === 500) $acc = (int)$acc;
  }
  echo "acc=", $acc, " ", gettype($acc), "\n";
}

function var_str(mixed $v): string {
  return gettype($v) . '(' . (string)$v . ')';
}
