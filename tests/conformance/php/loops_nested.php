<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// while, do-while and for loops: nesting, break/continue in inner loops,
// comma expressions in for headers, empty clauses, loops that run zero times.

function first_pair_with_sum(int $target): string {
  $result = "none";
  for ($a = 1; $a < $target; $a++) {
    $found = false;
    for ($b = $a; $b < $target; $b++) {
      if ($a * $a + $b * $b === $target) {
        $result = $a."^2+".$b."^2";
        $found = true;
        break;
      }
    }
    if ($found) {
      break;
    }
  }
  return $result;
}

function main(): void {
  // multiplication table with skipped diagonal
  for ($i = 1; $i <= 5; $i++) {
    $line = "";
    for ($j = 1; $j <= 5; $j++) {
      if ($i === $j) {
        $line .= "   .";
        continue;
      }
      $line .= str_pad((string)($i * $j), 4, " ", STR_PAD_LEFT);
    }
    echo $line, "\n";
  }
  echo first_pair_with_sum(25), " ", first_pair_with_sum(50), " ", first_pair_with_sum(3), " ", first_pair_with_sum(65), "\n";
  // do-while runs at least once
  $n = 100;
  $steps = 0;
  do {
    $n = intdiv($n, 3);
    $steps++;
  } while ($n > 0);
  echo "do-while steps: ", $steps, "\n";
  $never = 0;
  do {
    $never++;
  } while (false);
  echo "do-while(false) ran ", $never, " time\n";
  $zero = 0;
  while ($zero > 0) {
    $zero--;
    echo "unreachable\n";
  }
  for ($k = 10; $k < 5; $k++) {
    echo "unreachable\n";
  }
  // comma lists and empty clauses
  for ($lo = 0, $hi = 9; $lo < $hi; $lo++, $hi--) {
    echo $lo, "-", $hi, " ";
  }
  echo "\n";
  $t = 0;
  for (;;) {
    $t += 7;
    if ($t > 30) {
      break;
    }
  }
  echo "t=", $t, "\n";
  // nested while with break out of the inner loop only
  $outer = 0;
  $count = 0;
  while ($outer < 4) {
    $inner = 0;
    while (true) {
      $inner++;
      $count++;
      if ($inner >= $outer) {
        break;
      }
    }
    $outer++;
  }
  echo "count=", $count, "\n";
  // digit sums with nested loops and continue
  $special = "";
  for ($x = 10; $x < 100; $x++) {
    if ($x % 2 === 1) {
      continue;
    }
    $sum = 0;
    $y = $x;
    while ($y > 0) {
      $sum += $y % 10;
      $y = intdiv($y, 10);
    }
    if ($sum !== 10) {
      continue;
    }
    $special .= $x." ";
  }
  echo "even with digit sum 10: ", $special, "\n";
  // count down with post-decrement in the condition
  $c = 5;
  $out = "";
  while ($c-- > 0) {
    $out .= $c;
  }
  echo $out, " c=", $c, "\n";
  $i = 0;
  $acc = "";
  do {
    $acc .= ($i % 3 === 0) ? "[".$i."]" : $i;
  } while (++$i < 10);
  echo $acc, "\n";
}

main();
