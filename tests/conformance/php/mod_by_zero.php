<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Bucketing ids with `%` where the bucket count comes from a computation that
// yields zero: Hack's `%` by zero throws DivisionByZeroException with the
// message "Division by zero" (PHP would say "Modulo by zero"). Uncaught: exit 255.

function buckets_for(int $items): int {
  return intdiv($items, 10);
}

function bucket(int $id, int $n): int {
  return hh_mod($id, $n); // Hack: `%` by zero says "Division by zero"
}

function main(): void {
  $items = 35;
  while ($items >= 0) {
    $n = buckets_for($items);
    echo "items=", $items, " buckets=", $n, "\n";
    $a = bucket(17, $n);
    $b = bucket(12345, $n);
    echo "  id 17 -> ", $a, ", id 12345 -> ", $b, "\n";
    $items -= 10;
  }
  echo "not reached\n";
}

main();
