<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// sprintf/printf/Str\format %g and %G keep the sign of a negative zero: HHVM's
// appenddouble calls php_gcvt, whose zend_dtoa reports the sign bit even for zero
// (hphp/runtime/base/zend-printf.cpp); %e and %f print it unsigned (__cvt clears
// the sign of 0.0). PHP 8 prints the same.
function main(): void {
  $z = -0.0;
  echo sprintf("[%g] [%G] [%.3g] [%5g] [%-5g] [%05g] [%+g]", $z, $z, $z, $z, $z, $z, $z), "\n";
  echo sprintf("[%e] [%f] [%.1f] [%d]", $z, $z, $z, $z), "\n";
  printf("[%g] [%g] [%g]\n", 0.0, -0.0 * 5.0, -1.0 / INF);
  echo Str\format("[%g]", $z), "\n";
  $acc = -0.0;
  for ($i = 0; $i < 3; $i++) { $acc = $acc * 2.0; echo sprintf("%g,", $acc); }
  echo "\n";
}

main();
