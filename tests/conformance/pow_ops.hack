<?hh
// Exponentiation: `**` and pow() with int and float operands, negative and
// fractional exponents, right associativity, precedence against unary minus,
// `**=`, and exponentiation by squaring checked against `**`.

function ipow(int $base, int $exp): int {
  $result = 1;
  while ($exp > 0) {
    if (($exp & 1) === 1) {
      $result *= $base;
    }
    $base *= $base;
    $exp >>= 1;
  }
  return $result;
}

function modpow(int $base, int $exp, int $mod): int {
  $result = 1;
  $base %= $mod;
  while ($exp > 0) {
    if ($exp % 2 === 1) {
      $result = ($result * $base) % $mod;
    }
    $base = ($base * $base) % $mod;
    $exp = intdiv($exp, 2);
  }
  return $result;
}

function kind(num $n): string {
  return (is_int($n) ? "i:" : "f:").(string)$n;
}

<<__EntryPoint>>
function main(): void {
  echo kind(2 ** 10), " ", kind(3 ** 0), " ", kind(0 ** 0), " ", kind((-2) ** 3), " ", kind((-2) ** 4), " ", kind(1 ** 100), "\n";
  echo kind(2 ** -1), " ", kind(10 ** -3), " ", kind(2.0 ** 3), " ", kind(4 ** 0.5), " ", kind(27 ** (1 / 3)), " ", kind(2 ** 0.0), "\n";
  echo kind(2 ** 62), " ", kind(10 ** 18), " ", kind(7 ** 22), " ", kind((-3) ** 39), "\n";
  echo kind(-2 ** 2), " ", kind((-2) ** 2), " ", kind(2 ** 3 ** 2), " ", kind((2 ** 3) ** 2), " ", kind(-3 ** -1), "\n";
  echo kind(2 * 3 ** 2), " ", kind(2 ** 3 * 2), " ", kind(10 - 2 ** 3), " ", kind(2 ** -2 * 8), "\n";
  echo kind(pow(2, 8)), " ", kind(pow(2, -8)), " ", kind(pow(2.0, 8)), " ", kind(pow(-8, 1 / 3)), " ", kind(pow(0, 0)), " ", kind(pow(1.5, 2)), "\n";
  echo kind(1.1 ** 10), " ", kind(0.5 ** 20), " ", kind(10.0 ** 15), " ", kind(10.0 ** -5), " ", kind(2.0 ** 0.5), "\n";
  $ok = 0;
  for ($b = -5; $b <= 5; $b++) {
    for ($e = 0; $e <= 12; $e++) {
      if (ipow($b, $e) === $b ** $e) {
        $ok++;
      } else {
        echo "mismatch ", $b, "**", $e, "\n";
      }
    }
  }
  echo "ipow agrees with ** in ", $ok, " cases\n";
  echo "modpow: ", modpow(2, 10, 1000), " ", modpow(3, 200, 1000007), " ", modpow(7, 0, 13), " ", modpow(123456789, 987654321, 1000000007), "\n";
  $x = 3;
  $x **= 4;
  echo "x **= 4: ", $x, " ";
  $x **= 0.5;
  echo kind($x), " ";
  $y = 2.0;
  $y **= -2;
  echo kind($y), "\n";
  // powers of two table with shifts, ** and pow
  for ($i = 0; $i <= 60; $i += 12) {
    echo $i, ": ", 1 << $i, " ", 2 ** $i, " ", pow(2, $i), " ", 2.0 ** $i, "\n";
  }
  // Fermat little theorem check for a few primes
  $line = "";
  for ($p = 2; $p < 40; $p++) {
    $prime = true;
    for ($d = 2; $d * $d <= $p; $d++) {
      if ($p % $d === 0) {
        $prime = false;
      }
    }
    if ($prime && modpow(5, $p - 1, $p) === ($p === 5 ? 0 : 1)) {
      $line .= $p." ";
    }
  }
  echo "fermat ok: ", $line, "\n";
}
