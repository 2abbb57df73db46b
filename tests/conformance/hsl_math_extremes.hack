<?hh
// oracle: hand
// Math\max/min/maxva/minva as the HSL defines them: a value replaces the best so far only when
// it is strictly greater (less) by `>` (`<`), so ties keep the earlier value (maxva/minva's
// first pair: `$first > $second ? $first : $second`, the second on a tie) and a NAN never
// replaces another value. PHP's max()/min() keep their own rules (first on ties).
function T((function(): mixed) $f): void {
  try { var_dump($f()); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}

<<__EntryPoint>>
function main(): void {
  T(() ==> Math\maxva(1, 1.0));
  T(() ==> Math\minva(1, 1.0));
  T(() ==> Math\maxva(2.0, 2, 1));
  T(() ==> Math\maxva(3, 7, 5, 7.0));
  T(() ==> Math\minva(3, 1, 5, 1.0));
  T(() ==> Math\minva(NAN, 1));
  T(() ==> Math\maxva(1, NAN, 2));
  T(() ==> Math\maxva(1));
  T(() ==> Math\max(vec[1, NAN]));
  T(() ==> Math\max(vec[NAN, 1]));
  T(() ==> Math\max(vec[2, 3, 3.0]));
  T(() ==> Math\min(vec[2, 1, 1.0]));
  T(() ==> Math\min(dict['a' => 5, 'b' => -1]));
  T(() ==> Math\max(vec[]));
  T(() ==> max(1, 1.0));
  T(() ==> max(vec[1.0, 1]));
  T(() ==> min(2, 1.0, 1));
}
