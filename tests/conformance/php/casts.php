<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Explicit conversions between scalars: (int) (float) (string) (bool) casts,
// intval/floatval/strval, gettype and the is_* predicates, is_numeric.

function show(mixed $v): string {
  if ($v === null) {
    return "null";
  }
  if (is_bool($v)) {
    return $v ? "bool(true)" : "bool(false)";
  }
  if (is_string($v)) {
    return "string(\"".$v."\")";
  }
  return gettype($v)."(".(string)$v.")";
}

function preds(mixed $v): string {
  return (is_int($v) ? "i" : "-").(is_float($v) ? "f" : "-").(is_string($v) ? "s" : "-").
    (is_bool($v) ? "b" : "-").(is_null($v) ? "n" : "-").(is_numeric($v) ? "#" : "-");
}

function main(): void {
  echo "to int: ", (int)3.99, " ", (int)-3.99, " ", (int)"42", " ", (int)" 42", " ", (int)"42abc", " ", (int)"abc", " ", (int)"-17", " ", (int)"3.9", " ", (int)true, " ", (int)false, " ", (int)null, "\n";
  echo "to int: ", (int)"0x1A", " ", (int)"012", " ", (int)"+5", " ", (int)"", " ", (int)1e18, " ", (int)0.1, "\n";
  echo "to float: ", (float)"1.5", " ", (float)"1e3", " ", (float)"-0.25abc", " ", (float)"abc", " ", (float)7, " ", (float)true, " ", (float)".5", " ", (float)"12", "\n";
  echo "to string: [", (string)42, "] [", (string)-0.5, "] [", (string)true, "] [", (string)false, "] [", (string)null, "] [", (string)1e25, "] [", (string)100.0, "]\n";
  echo "to bool: ", show((bool)0), " ", show((bool)1), " ", show((bool)-1), " ", show((bool)0.0), " ", show((bool)0.01), " ", show((bool)""), " ", show((bool)"0"), " ", show((bool)"0.0"), " ", show((bool)" "), " ", show((bool)null), "\n";
  echo "intval: ", intval("123"), " ", intval(" 12 "), " ", intval("9.99"), " ", intval(9.99), " ", intval(-9.99), " ", intval(true), " ", intval("-0042"), " ", intval("ff", 16), " ", intval("777", 8), " ", intval("101", 2), "\n";
  echo "floatval: ", floatval("3.14xyz"), " ", floatval("-1.5e-3"), " ", floatval("x1"), " ", floatval(5), " ", floatval("  2.5"), "\n";
  echo "strval: ", strval(0), " ", strval(-12), " ", strval(0.1 + 0.2), " ", strval(1.0), " ", strval(true), "|", strval(false), "|\n";
  echo "gettype: ", gettype(1), " ", gettype(1.0), " ", gettype("1"), " ", gettype(true), " ", gettype(null), "\n";
  echo "show: ", show(5), " ", show(5.5), " ", show("5"), " ", show(false), " ", show(null), " ", show(5 / 1), " ", show(5 / 2), "\n";
  echo "preds: ", preds(1), " ", preds(1.5), " ", preds("1.5"), " ", preds("abc"), " ", preds(true), " ", preds(null), " ", preds(""), " ", preds(NAN), "\n";
  echo "is_numeric: ";
  $samples = "12|-12|+12|1.5|.5|5.|1e5|-1.5E-3| 12|0x1A|12abc|abc||.|-|1e|0b11|00012";
  $start = 0;
  $len = strlen($samples);
  while ($start <= $len) {
    $bar = strpos($samples, "|", $start);
    if ($bar === false) {
      $bar = $len;
    }
    $piece = substr($samples, $start, $bar - $start);
    echo "'", $piece, "'=", is_numeric($piece) ? "Y" : "n", " ";
    $start = $bar + 1;
  }
  echo "\n";
  // round-trips
  $f = 0.1;
  $s = (string)$f;
  echo "round-trip: ", $s, " ", (float)$s === $f ? "same" : "different", " ", (string)(int)"00123", " ", (int)(string)PHP_INT_MAX === PHP_INT_MAX ? "max ok" : "max lost", "\n";
  $third = 1.0 / 3.0;
  echo "lossy: ", (string)$third, " ", (float)(string)$third === $third ? "same" : "different", "\n";
  echo "concat conversions: ", 1 . "", "|", 1.50 . "", "|", true . "", "|", false . "", "|", null . "", "|", -0.125 . "x", "\n";
}

main();
