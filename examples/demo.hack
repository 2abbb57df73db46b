<?hh
// jsvm demo: scalar Hack only (functions, loops, recursion, string formatting).
// Run it with `make demo` or `jsvm run examples/demo.hack`.

function fib(int $n): int {
  return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}

function gcd(int $a, int $b): int {
  while ($b !== 0) {
    $t = $a % $b;
    $a = $b;
    $b = $t;
  }
  return $a;
}

function is_prime(int $n): bool {
  if ($n < 2) {
    return false;
  }
  for ($d = 2; $d * $d <= $n; $d++) {
    if ($n % $d === 0) {
      return false;
    }
  }
  return true;
}

function collatz_steps(int $n): int {
  $steps = 0;
  while ($n !== 1) {
    $n = $n % 2 === 0 ? intdiv($n, 2) : 3 * $n + 1;
    $steps++;
  }
  return $steps;
}

// One row of an ASCII Mandelbrot set, y in [-1, 1].
function mandel_row(float $y, int $width): string {
  $shades = " .,:;-=+*%";
  $row = "";
  for ($i = 0; $i < $width; $i++) {
    $cr = -2.1 + 2.8 * $i / $width;
    $zr = 0.0;
    $zi = 0.0;
    $k = 0;
    while ($k < 50 && $zr * $zr + $zi * $zi <= 4.0) {
      $t = $zr * $zr - $zi * $zi + $cr;
      $zi = 2.0 * $zr * $zi + $y;
      $zr = $t;
      $k++;
    }
    $row .= $k >= 50 ? "@" : substr($shades, $k > 9 ? 9 : $k, 1);
  }
  return $row;
}

<<__EntryPoint>>
function main(): void {
  echo "== jsvm demo ==\n";
  for ($n = 20; $n <= 25; $n++) {
    echo sprintf("fib(%2d) = %6d", $n, fib($n)), "\n";
  }

  $count = 0;
  $sum = 0;
  for ($n = 2; $n < 200000; $n++) {
    if (is_prime($n)) {
      $count++;
      $sum += $n;
    }
  }
  echo "primes below 200,000: ", number_format($count), ", their sum: ", number_format($sum), "\n";

  $best = 1;
  $best_steps = 0;
  for ($n = 1; $n < 100000; $n++) {
    $s = collatz_steps($n);
    if ($s > $best_steps) {
      $best = $n;
      $best_steps = $s;
    }
  }
  echo sprintf("longest Collatz chain below 100000: %d (%d steps)", $best, $best_steps), "\n";
  echo "gcd(1071, 462) = ", gcd(1071, 462), ", gcd(2**40, 6**20) = ", gcd(2 ** 40, 6 ** 20), "\n";

  $total = 0.0;
  for ($k = 0; $k < 1000000; $k++) {
    $total += ($k % 2 === 0 ? 4.0 : -4.0) / (2 * $k + 1);
  }
  echo sprintf("pi ~ %.6f (Leibniz, 10^6 terms)", $total), "\n";
  echo "price: ", number_format(1234567.891, 2), " | ", str_pad("right", 10, ".", STR_PAD_LEFT), " | ",
    str_repeat("ab", 3), " | ", sprintf("%08.3f|%-6s|%x", 3.14159, "hack", 255), "\n";

  for ($r = 0; $r < 11; $r++) {
    echo mandel_row(-1.0 + 0.2 * $r, 60), "\n";
  }
}
