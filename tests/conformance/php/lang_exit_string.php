<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// exit("text") prints the text and ends with status 0 (PHP and HHVM), from a nested call inside
// a loop that is hot enough to be compiled; finally blocks do not run.

function step(int $i): int {
  if ($i === 2500) {
    try {
      exit("bye at $i\n");
    } finally {
      echo "finally does not run\n";
    }
  }
  return $i;
}

function main(): void {
  echo "start\n";
  $t = 0;
  for ($i = 0; $i < 3000; $i++) {
    $t += step($i);
  }
  echo "not reached ", $t, "\n";
}

main();
