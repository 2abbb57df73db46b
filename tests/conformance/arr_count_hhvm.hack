<?hh
// oracle: hand
// HHVM's count() (hphp/runtime/ext/array/ext_array.cpp): null is 0; a bool, int, float, string
// or an object that is not a collection is 1; a container is its size, and COUNT_RECURSIVE (1)
// adds the sizes of the containers inside; any other mode is a plain count. (PHP 8 throws a
// TypeError for what is not countable, and a ValueError for another mode.)
class Foo {}

function count_of(mixed $v, int $mode = COUNT_NORMAL): int {
  return count($v, $mode);
}

<<__EntryPoint>>
function main(): void {
  $values = vec[null, false, 0, 2.5, "", "abc", new Foo(), vec[], vec[1, vec[2, 3]],
    dict['a' => dict['b' => 1]], keyset[1, 2]];
  foreach ($values as $v) {
    echo count($v), " ", count($v, COUNT_RECURSIVE), " ", count($v, 7), "\n";
  }
  $t = 0;
  for ($i = 0; $i < 3000; $i++) {
    $t += count_of($values[$i % 11], $i % 2);
  }
  echo $t, "\n";
}
