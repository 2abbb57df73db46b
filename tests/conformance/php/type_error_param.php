<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Parameter types are enforced at run time: the calls with correct scalar
// types run, then passing a numeric string to an int parameter throws an
// uncaught TypeError (exit 255). Only stdout and the status are checked.

function add(int $a, int $b): int {
  return $a + $b;
}

function half(float $x): float {
  return $x / 2.0;
}

function label(?string $s, int|float $n): string {
  return ($s ?? "none").":".(string)$n;
}

function main(): void {
  echo add(2, 3), "\n";
  echo half(5.0), " ", half(-0.5), "\n";
  echo label(null, 3), " ", label("x", 2.5), " ", label("", 0), "\n";
  $inputs = "7";
  echo "about to call add with a string\n";
  echo add(1, $inputs), "\n";
  echo "not reached\n";
}

main();
