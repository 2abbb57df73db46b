<?hh
// A float literal may end with its decimal point (`1.`, `1.e3`): hackc's lexer
// (scan_decimal_or_float -> scan_after_decimal_point) and PHP's DNUM both read `1.` as 1.0.
function half(float $f): float { return $f / 2.; }
<<__EntryPoint>>
function main(): void {
  var_dump(1.);
  var_dump(0.);
  var_dump(-1.);
  var_dump(1. + 1);
  var_dump(1.-1);
  var_dump(3.<4);
  var_dump(2.*3);
  var_dump(10./4);
  var_dump(1.e3);
  var_dump(5.E-1);
  var_dump(07.);
  var_dump(12.5 + 1.);
  $x = 3.;
  var_dump($x is float, $x);
  var_dump(half(5.));
  $v = vec[1., 2., 3.];
  echo implode(",", $v), "\n";
  echo 4. . "|" . 4 . ".\n";
  echo "sum=" . (1. + 2.) . "\n";
}
