<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// An average calculator that divides by a count which reaches zero: the
// uncaught DivisionByZeroException from `/` ends the program (exit 255).

function average(int $sum, int $count): int|float {
  return $sum / $count;
}

function report(int $sum, int $count): void {
  $avg = average($sum, $count);
  echo "sum=", $sum, " count=", $count, " avg=", $avg, "\n";
}

function main(): void {
  $sum = 100;
  $count = 4;
  while (true) {
    report($sum, $count);
    $sum -= 10;
    $count--;
  }
}

main();
