<?hh
// oracle: hand
// number_format as HHVM's string_number_format (hphp/runtime/base/zend-string.cpp): the sign is
// taken before rounding and kept, so a negative number that rounds to zero prints "-0"/"-0.00"
// (HHVM never took PHP 7.2's "no negative zero" change); -0.0 itself is not negative. INF and NAN
// are printed by "%.*F" after the sign was dropped: "INF" for both infinities, "NAN".

<<__EntryPoint>>
function main(): void {
  echo number_format(-0.4), "|", number_format(-0.5), "|", number_format(-0.0), "|", number_format(0.4), "\n";
  echo number_format(-0.001, 2), "|", number_format(-0.004, 2), "|", number_format(-0.005, 2), "|", number_format(-1.15E-15, 2), "\n";
  echo number_format(-0.04, 1, ',', '.'), "|", number_format(-0.0001, 3, '.', ' '), "|", number_format(-1234.567, 2), "\n";
  echo number_format(INF), "|", number_format(-INF), "|", number_format(NAN), "|", number_format(-INF, 2), "\n";
  $total = 0.0;
  foreach (vec[0.1, 0.2, -0.3] as $x) {
    $total += $x;
  }
  echo "balance: ", number_format($total, 2), "\n";
}
