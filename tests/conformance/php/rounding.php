<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// round/floor/ceil with and without precision (half away from zero on exact
// binary halves), negative precision, conversion back to int, banker's rounding
// and truncation written by hand, and money rounding in integer cents.

function round_half_even(float $x): float {
  $f = floor($x);
  $diff = $x - $f;
  if ($diff > 0.5) {
    return $f + 1.0;
  }
  if ($diff < 0.5) {
    return $f;
  }
  return fmod($f, 2.0) == 0.0 ? $f : $f + 1.0;
}

function trunc(float $x): float {
  return $x < 0.0 ? ceil($x) : floor($x);
}

function to_cents(float $amount): int {
  return (int)round($amount * 100.0);
}

function cents_str(int $c): string {
  return intdiv($c, 100).".".str_pad((string)($c % 100), 2, "0", STR_PAD_LEFT);
}

function main(): void {
  $vals = "0.5 1.5 2.5 3.49 -1.5 -2.5 -3.51 7.25 8.75 12.5 -12.375";
  $start = 0;
  echo "x | round floor ceil trunc half-even (int)\n";
  while ($start < strlen($vals)) {
    $sp = strpos($vals, " ", $start);
    if ($sp === false) {
      $sp = strlen($vals);
    }
    $x = (float)substr($vals, $start, $sp - $start);
    echo $x, " | ", round($x), " ", floor($x), " ", ceil($x), " ", trunc($x), " ", round_half_even($x), " ", (int)$x, "\n";
    $start = $sp + 1;
  }
  echo "precision: ", round(3.14159, 2), " ", round(3.14159, 4), " ", round(2.675, 1), " ", round(-0.125, 2), " ", round(0.375, 2), " ", round(9.995, 0), "\n";
  echo "negative precision: ", round(1234.5678, -1), " ", round(1234.5678, -2), " ", round(1250.0, -2), " ", round(-1750, -3), " ", round(15, -1), " ", round(44, -1), "\n";
  echo "big: ", round(123456789.987, 1), " ", floor(1e15 + 0.5), " ", round(1e20), " ", ceil(2.0 ** 52 + 0.5), "\n";
  echo "int results: ", (int)round(2.5), " ", (int)floor(-2.5), " ", (int)ceil(-2.5), " ", (int)round(-7.5), "\n";
  // summing a receipt in cents avoids float drift
  $prices = "0.10 0.20 0.30 19.99 5.01 0.07";
  $float_total = 0.0;
  $cent_total = 0;
  $start = 0;
  while ($start < strlen($prices)) {
    $sp = strpos($prices, " ", $start);
    if ($sp === false) {
      $sp = strlen($prices);
    }
    $p = (float)substr($prices, $start, $sp - $start);
    $float_total += $p;
    $cent_total += to_cents($p);
    $start = $sp + 1;
  }
  echo "float total ", $float_total, " rounded ", round($float_total, 2), " cents ", $cent_total, " = ", cents_str($cent_total), "\n";
  echo "float == 25.67? ", $float_total == 25.67 ? "yes" : "no", "; cents == 2567? ", $cent_total === 2567 ? "yes" : "no", "\n";
  // splitting a bill: distribute remainder cents
  $bill = 10000;
  $people = 7;
  $share = intdiv($bill, $people);
  $left = $bill % $people;
  $parts = "";
  $sum = 0;
  for ($i = 0; $i < $people; $i++) {
    $amt = $share + ($i < $left ? 1 : 0);
    $sum += $amt;
    $parts .= cents_str($amt)." ";
  }
  echo "split: ", $parts, "sum ", cents_str($sum), "\n";
  // percentages rounded to one decimal
  $total = 37;
  for ($part = 1; $part <= $total; $part += 9) {
    echo $part, "/", $total, " = ", round($part / $total * 100, 1), "% ";
  }
  echo "\n";
}

main();
