<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// sprintf of INF and NaN (a width of 3 whatever is asked; only zero padding on the right
// writes a sign, over the first letter), %x %X %o %b with a precision (no digits, as PHP and
// HHVM), number_format past 100 decimals, intval with a base outside 2..36 (0).
function main(): void {
  foreach (["%f","%10.2f","%-10f","%+f","%+010f","%010f","%-010f","%e","%G","%5.1e","%+5g"] as $f) {
    echo $f, " => [", sprintf($f, INF), "][", sprintf($f, -INF), "][", sprintf($f, NAN), "][", sprintf($f, -NAN), "]\n";
  }
  foreach (["%.2x","%5.1X","%-6.3b","%.0o","%3.0x","%'*6.2x", "%05.1x", "%x", "%5o"] as $f) {
    echo $f, " => [", sprintf($f, 255), "]\n";
  }
  echo strlen(number_format(1.5, 150)), " ", number_format(1/3, 101), "\n";
  echo intval('11', 1), intval('11', 37), intval('11', -2), intval('11', 0), intval('0x1A', 16), intval('12', 36), "\n";
}

main();
