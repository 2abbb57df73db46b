<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Return types are enforced at run time: a function declared `: int` that
// returns a string (from a branch taken only for some inputs) throws an uncaught
// TypeError after the earlier calls printed their results (exit 255).

function parse_count(string $s): int {
  if ($s === "") {
    return 0;
  }
  if (strlen($s) > 3) {
    return $s;
  }
  return (int)$s;
}

function maybe(bool $b): ?int {
  return $b ? 1 : null;
}

function main(): void {
  echo parse_count(""), " ", parse_count("42"), " ", parse_count("999"), "\n";
  echo maybe(true) ?? "null", " ", maybe(false) ?? "null", "\n";
  echo "now the bad return\n";
  echo parse_count("1234"), "\n";
  echo "not reached\n";
}

main();
