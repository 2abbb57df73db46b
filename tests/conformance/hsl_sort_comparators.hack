<?hh
// oracle: hand (HHVM's ElmUCompare: a float result is not truncated; PHP 8 truncates it)
// Comparators for Vec\sort, Vec\sort_by, Dict\sort, Dict\sort_by_key: ints, floats (the HSL
// type returns num, so a difference under 1 still orders), and bools ("greater" only); ties
// keep their order.

function by_price(float $a, float $b): num {
  return $a - $b;
}

<<__EntryPoint>>
function main(): void {
  echo implode(', ', Vec\sort(vec[19.99, 5.25, 12.5, 19.5, 5.2], 'by_price')), "\n";
  echo implode(', ', Vec\sort(vec[19.99, 5.25, 12.5, 19.5], ($a, $b) ==> $b - $a)), "\n";
  echo implode(', ', Vec\keys(Dict\sort(dict['x' => 0.5, 'y' => 0.25, 'z' => 0.75], ($a, $b) ==> $a - $b))), "\n";
  echo implode(', ', Vec\sort(vec[5, 3, 9, 1, 3], ($a, $b) ==> $a > $b)), "\n";
  echo implode(', ', Vec\sort_by(vec['bb', 'a', 'ccc', 'dd', 'e'], $s ==> strlen($s), ($a, $b) ==> $a > $b)), "\n";
  echo implode(', ', Vec\keys(Dict\sort_by_key(dict['b' => 1, 'a' => 2, 'c' => 3], ($a, $b) ==> $a > $b))), "\n";
  echo implode(', ', Vec\sort(vec[3, 1, 2], ($a, $b) ==> $a <=> $b)), "\n";
  // Ties keep their order: sort by the first letter only.
  echo implode(', ', Vec\sort(vec['b2', 'a1', 'b1', 'a2', 'a0'], ($a, $b) ==> strcmp($a[0], $b[0]))), "\n";
  echo implode(', ', Vec\sort(vec['b2', 'a1', 'b1', 'a2', 'a0'], ($a, $b) ==> $a[0] > $b[0])), "\n";
}
