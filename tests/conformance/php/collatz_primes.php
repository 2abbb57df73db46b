<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Small integer algorithms using only scalars: gcd/lcm, a primality sieve
// encoded in a bit-string, Collatz lengths, digit manipulation, base conversion,
// perfect numbers.

function gcd(int $a, int $b): int {
  while ($b !== 0) {
    $t = $a % $b;
    $a = $b;
    $b = $t;
  }
  return $a < 0 ? -$a : $a;
}

function lcm(int $a, int $b): int {
  return intdiv($a, gcd($a, $b)) * $b;
}

function sieve(int $n): string {
  // one character per number: "1" = prime
  $flags = "00".str_repeat("1", $n - 1);
  for ($i = 2; $i * $i <= $n; $i++) {
    if ($flags[$i] === "1") {
      for ($j = $i * $i; $j <= $n; $j += $i) {
        $flags = substr($flags, 0, $j)."0".substr($flags, $j + 1);
      }
    }
  }
  return $flags;
}

function collatz_len(int $n): int {
  $steps = 0;
  while ($n !== 1) {
    $n = $n % 2 === 0 ? intdiv($n, 2) : 3 * $n + 1;
    $steps++;
  }
  return $steps;
}

function digit_sum(int $n): int {
  $s = 0;
  while ($n > 0) {
    $s += $n % 10;
    $n = intdiv($n, 10);
  }
  return $s;
}

function reverse_digits(int $n): int {
  $r = 0;
  while ($n > 0) {
    $r = $r * 10 + $n % 10;
    $n = intdiv($n, 10);
  }
  return $r;
}

function to_base(int $n, int $base): string {
  $digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  if ($n === 0) {
    return "0";
  }
  $neg = $n < 0;
  $out = "";
  while ($n !== 0) {
    $d = $n % $base;
    $out = $digits[$d < 0 ? -$d : $d].$out;
    $n = intdiv($n, $base);
  }
  return ($neg ? "-" : "").$out;
}

function main(): void {
  echo "gcd: ", gcd(48, 18), " ", gcd(17, 5), " ", gcd(0, 7), " ", gcd(-12, 8), " ", gcd(1071, 462), "\n";
  echo "lcm: ", lcm(4, 6), " ", lcm(21, 6), " ", lcm(13, 17), "\n";
  $flags = sieve(100);
  $primes = "";
  $count = 0;
  for ($i = 0; $i <= 100; $i++) {
    if ($flags[$i] === "1") {
      $primes .= $i." ";
      $count++;
    }
  }
  echo "primes<=100 (", $count, "): ", $primes, "\n";
  $best = 0;
  $best_n = 0;
  for ($n = 1; $n < 1000; $n++) {
    $len = collatz_len($n);
    if ($len > $best) {
      $best = $len;
      $best_n = $n;
    }
  }
  echo "collatz: 27 takes ", collatz_len(27), " steps; longest under 1000 is ", $best_n, " with ", $best, "\n";
  echo "digits: ", digit_sum(987654321), " ", reverse_digits(12345), " ", reverse_digits(1200), "\n";
  $pal = "";
  for ($n = 10; $n < 200; $n++) {
    if ($n === reverse_digits($n) && digit_sum($n) % 2 === 0) {
      $pal .= $n." ";
    }
  }
  echo "even-digit-sum palindromes: ", $pal, "\n";
  echo "bases: ", to_base(255, 2), " ", to_base(255, 16), " ", to_base(-255, 7), " ", to_base(123456789, 36), " ", to_base(0, 5), "\n";
  $perfect = "";
  for ($n = 2; $n < 1000; $n++) {
    $s = 1;
    for ($d = 2; $d * $d <= $n; $d++) {
      if ($n % $d === 0) {
        $s += $d;
        if ($d * $d !== $n) {
          $s += intdiv($n, $d);
        }
      }
    }
    if ($s === $n) {
      $perfect .= $n." ";
    }
  }
  echo "perfect: ", $perfect, "\n";
}

main();
