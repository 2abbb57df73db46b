<?hh
// oracle: hand
// Float to int as HHVM's double_to_int64 (PHP 8 differs: it wraps modulo 2^64 and gives 0 for
// NAN and -INF): truncation; 2^63 up to 2^64 wraps through uint64; 2^64 and above and INF give
// 0; below -2^63 and -INF give PHP_INT_MIN; NAN gives PHP_INT_MIN. Every conversion goes the
// same way: casts, intval, `%` and bitwise operands, sprintf's %d. Hot, so compiled code is
// checked too.

function conv(float $f): int {
  return (int)$f;
}

function show(float $f): string {
  return (string)conv($f) . ' ' . (string)intval($f);
}

<<__EntryPoint>>
function main(): void {
  $cases = vec[
    0.0, -0.0, 2.9, -2.9, 1e18, -1e18, 9.2e18, -9.2e18,
    9223372036854775807.0, -9223372036854775808.0,
    1e19, -1e19, 1.8e19, 1.9e19, 1e20, -1e20, 1e300, -1e300,
    INF, -INF, NAN,
  ];
  foreach ($cases as $f) {
    echo $f, ' => ', show($f), "\n";
  }
  echo 1e20 % 7, ' ', 1e19 % 1000, ' ', NAN | 0, ' ', -INF & 1, ' ', INF ^ 5, "\n";
  echo sprintf('%d %d %d', 1e20, NAN, 1e19), "\n";
  $sum = 0;
  for ($i = 0; $i < 3000; $i++) {
    $sum += conv(1e19 + (float)$i) + conv(-1e19) + conv(NAN) + conv((float)$i * 1e17);
  }
  echo $sum, "\n";
}
