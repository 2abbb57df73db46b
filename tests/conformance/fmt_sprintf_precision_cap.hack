<?hh
// oracle: hand
// HHVM's sprintf (hphp/runtime/base/zend-printf.cpp, appenddouble) caps a float precision at
// MAX_FLOAT_PRECISION = 40 (PHP 8: 53, with a notice), silently, for %f/%F/%e/%E.
<<__EntryPoint>>
function main(): void {
  echo sprintf("[%.40f]", 1.0), "\n";
  echo sprintf("[%.45f]", 1.0), "\n";
  echo sprintf("[%.60F]", 0.5), "\n";
  echo sprintf("[%.41e]", 1.5), "\n";
  echo Str\format("[%.50f]", 0.25), "\n";
}
