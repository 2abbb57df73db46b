<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Integer division and remainders: `/` (int when exact), intdiv (truncates
// toward zero), `%` (sign of the dividend), fmod, floor division and a
// non-negative modulo built from them, clock and calendar arithmetic.

function floordiv(int $a, int $b): int {
  $q = intdiv($a, $b);
  if (($a % $b !== 0) && (($a < 0) !== ($b < 0))) {
    $q--;
  }
  return $q;
}

function posmod(int $a, int $b): int {
  $r = $a % $b;
  return $r < 0 ? $r + ($b < 0 ? -$b : $b) : $r;
}

function hms(int $secs): string {
  $h = intdiv($secs, 3600);
  $m = intdiv($secs % 3600, 60);
  $s = $secs % 60;
  return sprintf("%02d:%02d:%02d", $h, $m, $s);
}

function clock_add(int $hour, int $delta): int {
  return posmod($hour + $delta, 12) === 0 ? 12 : posmod($hour + $delta, 12);
}

function main(): void {
  echo "a b | a/b intdiv % floordiv posmod fmod\n";
  for ($a = -7; $a <= 7; $a += 7) {
    for ($b = -3; $b <= 3; $b++) {
      if ($b >= -1 && $b <= 1) {
        continue;
      }
      echo $a, " ", $b, " | ", $a / $b, " ", intdiv($a, $b), " ", $a % $b, " ", floordiv($a, $b), " ", posmod($a, $b), " ", fmod((float)$a, (float)$b), "\n";
    }
  }
  echo "exact: ", 12 / 3, " ", -12 / 3, " ", 12 / -4, " ", 0 / -5, " ", PHP_INT_MAX / 1, " ", 1000000000000 / 1000, "\n";
  echo "inexact: ", 1 / 3, " ", -2 / 3, " ", 10 / 4, " ", PHP_INT_MAX / 2, " ", 7 / 7.0, "\n";
  echo "identity: ";
  for ($a = -10; $a <= 10; $a += 5) {
    $b = 3;
    echo (intdiv($a, $b) * $b + $a % $b === $a) ? "ok " : "BAD ";
  }
  echo "\n";
  echo "fmod: ", fmod(10.0, 3.0), " ", fmod(-10.0, 3.0), " ", fmod(10.0, -3.0), " ", fmod(5.5, 1.5), " ", fmod(1e10, 7.0), " ", fmod(0.3, 0.1), "\n";
  echo "min edge: ", PHP_INT_MIN % -1, " ", PHP_INT_MIN % PHP_INT_MAX, " ", PHP_INT_MAX % PHP_INT_MIN, " ", intdiv(PHP_INT_MIN, PHP_INT_MAX), "\n";
  echo "times: ", hms(0), " ", hms(59), " ", hms(3661), " ", hms(86399), " ", hms(123456), "\n";
  echo "clock: ", clock_add(11, 2), " ", clock_add(3, -5), " ", clock_add(12, 12), " ", clock_add(1, -25), "\n";
  // day of week for day numbers, weeks and leftover days
  $names = "MonTueWedThuFriSatSun";
  for ($day = -8; $day <= 20; $day += 5) {
    $dow = posmod($day, 7);
    echo "day ", $day, ": week ", floordiv($day, 7), " ", substr($names, $dow * 3, 3), "\n";
  }
  // change-making with intdiv and %
  $amount = 289;
  $coins = "";
  $denoms = 100;
  while ($denoms > 0) {
    $n = intdiv($amount, $denoms);
    $amount %= $denoms;
    if ($n > 0) {
      $coins .= $n."x".$denoms." ";
    }
    $denoms = $denoms === 100 ? 25 : ($denoms === 25 ? 10 : ($denoms === 10 ? 5 : ($denoms === 5 ? 1 : 0)));
  }
  echo "change for 289: ", $coins, "\n";
  $x = 100;
  $x %= 7;
  echo "compound %=: ", $x, "\n";
}

main();
