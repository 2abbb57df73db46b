<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Converting floats to strings: 14 significant digits, when E-notation starts
// (exponent < -4 or >= 15), trailing zeros dropped, INF/NAN, in echo, `.`,
// interpolation, strval and (string).

function describe(float $f): string {
  return "[".(string)$f."]";
}

function scale_table(float $base): void {
  $v = $base;
  for ($i = 0; $i < 8; $i++) {
    echo describe($v), " ";
    $v *= 100.0;
  }
  echo "\n";
}

function main(): void {
  scale_table(1.0);
  scale_table(1.5e-9);
  scale_table(-7.25);
  echo 1e14, " ", 1e15, " ", 99999999999999.0, " ", 999999999999999.0, "\n";
  echo 123456789012345678.0, " ", 0.0001, " ", 0.00012345, " ", 0.00001, "\n";
  echo 1.0 / 3.0, " ", 2.0 / 3.0, " ", 10.0 / 3.0, " ", 100000.0 / 3.0, "\n";
  echo 0.1 + 0.2, " ", 0.1 + 0.7, " ", 1.1 * 1.1, " ", 3.0 - 2.9, "\n";
  echo 1.23456789012345, " ", 1.234567890123456, " ", 12345.678901234567, "\n";
  echo 0.5, " ", 0.25, " ", 0.125, " ", 0.0625, " ", 1.0 / 1024.0, "\n";
  echo 2.0 ** 53, " ", 2.0 ** 60, " ", 2.0 ** -20, " ", 1.7976931348623157e308, "\n";
  echo 5e-324 > 0.0 ? "denormal positive" : "zero", " ", 4.9e-324, "\n";
  echo INF, " ", -INF, " ", NAN, " ", INF - INF, " ", -INF * 0.5, "\n";
  $x = 3.75;
  $y = 1e20;
  echo "interp: $x {$y} ", "concat: ".$x."|".$y, "\n";
  echo strval(2.50), " ", (string)-0.001, " ", strval(1e-10), " ", strval(7.0), "\n";
  echo 1.0, " ", 100.0, " ", -3.0, " ", 1e2, " ", 1.5e3, " ", 2.5E-3, "\n";
  // accumulate pennies as floats: error shows only after 14 digits
  $total = 0.0;
  for ($i = 0; $i < 1000; $i++) {
    $total += 0.01;
  }
  echo "1000 pennies: ", $total, " equals 10? ", $total == 10.0 ? "yes" : "no", "\n";
  $third = 1.0 / 3.0;
  echo "third*3: ", $third * 3.0, " ", $third * 3.0 === 1.0 ? "exact" : "inexact", "\n";
  // powers of ten and their reciprocals
  $p = 1.0;
  for ($i = 0; $i <= 20; $i += 4) {
    echo "10^", $i, "=", $p, " 1/10^", $i, "=", 1.0 / $p, "\n";
    $p *= 10000.0;
  }
  $r = 0.1;
  $line = "";
  for ($i = 0; $i < 6; $i++) {
    $line .= $r." ";
    $r = $r * 7.0 + 0.3;
  }
  echo $line, "\n";
  echo -1.5, " ", -0.5 * 3.0, " ", -(1.0 / 8.0), " ", 1 / 3, " ", -2 / 3, "\n";
}

main();
