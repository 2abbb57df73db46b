<?hh
// oracle: hand
// NAN in comparisons as HHVM (hphp/runtime/base/comparisons.h): `<`, `<=`, `>`, `>=`, `==` are
// the C comparisons of the doubles (all false), and `<=>` is
// `(a == b) ? 0 : ((a > b) ? 1 : -1)` ("so that -1 is returned for NaNs (to match PHP7)"),
// so NAN <=> x and x <=> NAN are both -1 (PHP 8 gives 1). An int or numeric string against a
// float compares as doubles. max()/min() keep the current value unless the next one is strictly
// greater/less (ext_std_math.cpp tvGreater/tvLess; the JIT's minmax Select agrees), so a NAN in
// front stays and a NAN behind is skipped.

function cmp(mixed $a, mixed $b): string {
  return ($a < $b ? '1' : '0').($a <= $b ? '1' : '0').($a > $b ? '1' : '0').
    ($a >= $b ? '1' : '0').($a == $b ? '1' : '0').' '.(string)($a <=> $b);
}

<<__EntryPoint>>
function main(): void {
  $nan = __hhvm_intrinsics\launder_value(NAN);
  echo "NAN,1.0: ", cmp($nan, 1.0), "\n";
  echo "1.0,NAN: ", cmp(1.0, $nan), "\n";
  echo "NAN,1: ", cmp($nan, 1), "\n";
  echo "1,NAN: ", cmp(1, $nan), "\n";
  echo "NAN,NAN: ", cmp($nan, $nan), "\n";
  echo "NAN,INF: ", cmp($nan, INF), "\n";
  echo "-INF,NAN: ", cmp(-INF, $nan), "\n";
  echo "NAN,'1': ", cmp($nan, '1'), "\n";
  echo "'1',NAN: ", cmp('1', $nan), "\n";
  echo "literal: ", NAN <=> 0.0, " ", 0.0 <=> NAN, " ", NAN <=> NAN, "\n";
  for ($i = 0; $i < 3; $i++) {
    echo "loop $i: ", $nan <=> (float)$i, " ", $i <=> $nan, "\n";
  }
  echo "max: ", max($nan, 1), " ", max(1, $nan), " ", max($nan, 1.0), " ", max(2.0, $nan), "\n";
  echo "min: ", min($nan, 1), " ", min(1, $nan), " ", min($nan, 1.0), " ", min(2.0, $nan), "\n";
  echo "max vec: ", max(vec[$nan, 1, 2]), " ", max(vec[1, $nan, 2]), " ", max(vec[3, 2, $nan]), "\n";
  echo "min vec: ", min(vec[$nan, 1, 2]), " ", min(vec[1, $nan, 2]), " ", min(vec[3, 2, $nan]), "\n";
}
