<?hh
// oracle: hand
// (int) and intval() of a string in HHVM are strtoll(s, nullptr, 10) (StringData::toInt64,
// reached from tvToInt and Variant::toInt64(base)): leading whitespace and a sign, then decimal
// digits only -- a fraction or an exponent ends the number, so (int)"1e3" is 1, not PHP 8's 1000;
// out-of-range digit strings saturate (ERANGE). (float) keeps the exponent (zend_strtod).

<<__EntryPoint>>
function main(): void {
  $strs = vec['1e3', '1E3', '1.9e1', '  2e2xyz', '1e100', '-1.5e3', '.5e1', '0.5e1', '5e-1',
    '12e', '7.99', ' -42abc', '99999999999999999999', '-99999999999999999999', "\t\n 8"];
  foreach ($strs as $s) {
    echo '"', $s, '": ', (int)$s, ' ', intval($s), ' ', (float)$s, "\n";
  }
  $sum = 0;
  for ($i = 0; $i < 5; $i++) {
    $sum += (int)($i.'e2');
  }
  echo "sum: ", $sum, "\n";
}
