<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Numeric strings past the int range: comparisons as PHP 8's zendi_smart_strcmp and HHVM's
// numericCompare (an integer string that overflows is above every int; two that overflow the
// same way compare as bytes), and % and the bit operators convert them as (int) does.
function main(): void {
  $v = ["9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "-9223372036854775808", "99999999999999999999", "99999999999999999998",
    " 9223372036854775808 ", "1e19", "1e400", "2e400", "-1e400", "9.3e18", "12", "abc"];
  foreach ($v as $a) {
    $line = [];
    foreach ($v as $b) {
      $line[] = ($a == $b ? "=" : "").($a < $b ? "<" : "").($a > $b ? ">" : "").($a <=> $b);
    }
    echo $a, ": ", implode(" ", $line), "\n";
  }
  $s = ("9223372036854775808");
  echo $s % 5, " ", $s | 0, " ", $s & -1, " ", $s ^ 1, " ", $s >> 60, " ", (int)$s, "\n";
}

main();
