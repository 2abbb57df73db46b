<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Comparisons: == vs === across int/float/numeric strings/bool/null,
// ordering operators, <=> on ints, floats and strings, numeric-string
// comparison rules, and NAN. Non-numeric strings are never compared with numbers.

function b(bool $x): string {
  return $x ? "T" : "F";
}

function cmp3(int $c): string {
  return $c < 0 ? "-1" : ($c > 0 ? "1" : "0");
}

function main(): void {
  echo "int/float: ", b(1 == 1.0), b(1 === 1.0), b(0 == 0.0), b(-0.0 == 0), b(2 != 2.5), b(3 !== 3), "\n";
  echo "num strings: ", b("1" == "01"), b("10" == "1e1"), b(100 == "1e2"), b("1.5" == 1.5), b("abc" == "ABC"), b("0" == ""), "\n";
  echo "strict strings: ", b("1" === "01"), b("1" === "1"), b(" 1" == "1"), b("1.0" === "1"), "\n";
  echo "null/bool: ", b(null == false), b(null === false), b(0 == false), b("" == null), b("0" == false), b("a" == true), b(null == 0), "\n";
  echo "bool/bool: ", b(true == true), b(true === true), b(false < true), b(true > false), "\n";
  echo "ordering: ", b(1 < 2), b(2 <= 2), b(3 > 3), b(3 >= 3), b(1.5 < 2), b(-1 > -2), b(PHP_INT_MIN < PHP_INT_MAX), "\n";
  echo "strings: ", b("apple" < "banana"), b("Zebra" < "apple"), b("abc" < "abcd"), b("10" < "9"), b("10" < "9a"), b("" < "a"), "\n";
  echo "spaceship ints: ", 1 <=> 2, " ", 2 <=> 2, " ", 3 <=> 2, " ", -5 <=> 5, "\n";
  echo "spaceship floats: ", 1.5 <=> 1.25, " ", 0.1 + 0.2 <=> 0.3, " ", 2 <=> 2.0, " ", -INF <=> PHP_INT_MIN, "\n";
  echo "spaceship strings: ", "a" <=> "b", " ", "b" <=> "a", " ", "same" <=> "same", " ", "2" <=> "10", " ", "x2" <=> "x10", "\n";
  echo "NAN: ", b(NAN == NAN), b(NAN === NAN), b(NAN < 1.0), b(NAN > 1.0), b(NAN != NAN), "\n";
  echo "INF: ", b(INF > PHP_INT_MAX), b(-INF < PHP_INT_MIN), b(INF == INF), b(INF === INF), "\n";
  echo "float eq: ", b(0.1 + 0.2 == 0.3), b(abs(0.1 + 0.2 - 0.3) < 1e-9), b(1e16 == 1e16 + 1.0), "\n";
  // a comparison-based sort of four ints using only locals
  $a = 42;
  $b2 = -7;
  $c = 19;
  $d = 0;
  for ($pass = 0; $pass < 3; $pass++) {
    if ($a > $b2) { $t = $a; $a = $b2; $b2 = $t; }
    if ($b2 > $c) { $t = $b2; $b2 = $c; $c = $t; }
    if ($c > $d) { $t = $c; $c = $d; $d = $t; }
  }
  echo "sorted: ", $a, " ", $b2, " ", $c, " ", $d, "\n";
  // version-string comparison built from <=>
  echo "versions: ", cmp3(version_cmp("1.2.10", "1.2.9")), " ", cmp3(version_cmp("1.10", "1.9.9")), " ", cmp3(version_cmp("2.0", "2.0")), " ", cmp3(version_cmp("0.9", "1")), "\n";
  $x = 5;
  $y = "5";
  echo "mixed locals: ", b($x == $y), b($x === $y), b($x === (int)$y), b((string)$x === $y), "\n";
  echo "max/min mixed: ", max(1, 2.5), " ", min(-1, -1.5), " ", max("apple", "banana"), " ", min(3, 3.0), "\n";
}

function version_cmp(string $a, string $b): int {
  while ($a !== "" || $b !== "") {
    $pa = strpos($a, ".");
    $pb = strpos($b, ".");
    $ha = $pa === false ? $a : substr($a, 0, $pa);
    $hb = $pb === false ? $b : substr($b, 0, $pb);
    $c = (int)$ha <=> (int)$hb;
    if ($c !== 0) {
      return $c;
    }
    $a = $pa === false ? "" : substr($a, $pa + 1);
    $b = $pb === false ? "" : substr($b, $pb + 1);
  }
  return 0;
}

main();
