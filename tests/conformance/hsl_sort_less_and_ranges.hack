<?hh
// oracle: hand
// HHVM's sorts ask a comparator only "is cmp(a, b) below zero" (ElmUCompare in
// hphp/runtime/base/sort-helpers.h): a comparator that says only -1/0 sorts, one that says only
// 1/0 leaves the order as it is; a float or numeric-string result counts by its sign; a bool
// result that is false is asked again with the arguments swapped, so `$a > $b` sorts
// ascending. (Ties keep their order here: jsvm's sort is stable.) unset() with a key that is
// neither an int nor a string throws InvalidArgumentException (member-operations.h,
// throwInvalidArrayKeyException); a string key in a vec is a no-op. Float ranges run while
// `low + i * step` is within 1e-15 of the end (ArrayUtil::Range's DOUBLE_DRIFT_FIX).

function show(vec<mixed> $v): string {
  return Str\join(Vec\map($v, $x ==> (string)$x), ',');
}

function attempt((function(): mixed) $f): void {
  try {
    $f();
    echo "no exception\n";
  } catch (InvalidArgumentException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
}

<<__EntryPoint>>
function main(): void {
  $v = vec[3, 1, 2, 5, 4];
  echo show(Vec\sort($v, ($a, $b) ==> $a < $b ? -1 : 0)), "\n";
  echo show(Vec\sort($v, ($a, $b) ==> $a > $b ? 1 : 0)), "\n";
  echo show(Vec\sort($v, ($a, $b) ==> $a > $b)), "\n";
  echo show(Vec\sort($v, ($a, $b) ==> $a < $b)), "\n";
  echo show(Vec\sort($v, ($a, $b) ==> (string)($a - $b))), "\n";
  echo show(Vec\sort($v, ($a, $b) ==> ($a - $b) / 10)), "\n";
  $d = Dict\sort(dict['a' => 3, 'b' => 1, 'c' => 2], ($a, $b) ==> $a < $b ? -1 : 0);
  echo Str\join(Vec\keys($d), ','), "\n";
  echo Str\join(Vec\keys(Dict\sort_by_key(dict['b' => 1, 'c' => 2, 'a' => 3], ($a, $b) ==> $a > $b)), ','), "\n";
  echo show(Vec\sort_by(vec['ccc', 'a', 'bb'], $s ==> strlen($s), ($a, $b) ==> $a < $b ? -1 : 0)), "\n";

  attempt(() ==> { $d = dict['a' => 1]; unset($d[1.5]); });
  attempt(() ==> { $v = vec[1]; unset($v[null]); });
  attempt(() ==> { $k = keyset[1]; unset($k[true]); });
  $v = vec[1, 2];
  unset($v['1']);
  echo count($v), "\n";

  echo count(Vec\range(0, 0.3, 0.1)), " ", count(Vec\range(0, 0.7, 0.1)), " ",
    count(Vec\range(0.3, 0, 0.1)), " ", count(range(0, 0.3, 0.1)), " ",
    count(range(0.0, 1.0, 0.25)), " ", count(range(1.0, 0.0, 0.3)), "\n";
  echo show(range(0, 0.3, 0.1)), "\n";
}
