<?hh
// foreach over vec/dict/keyset with and without keys, int and string keys
// in insertion order, list() destructuring (nested, a `$_` slot, in
// foreach bodies, swapping), Vec\zip pairs, building dicts while iterating.

<<__EntryPoint>>
function main(): void {
  $v = vec["zero", "one", "two"];
  foreach ($v as $i => $s) { echo $i, "=", $s, " "; }
  echo "\n";
  $d = dict['b' => 2, 'a' => 1, 10 => 'ten', 'c' => 3, 5 => 'five'];
  foreach ($d as $k => $x) { echo $k, "=>", $x, " "; }
  echo "\n";
  foreach ($d as $x) { echo $x, ";"; }
  echo "\n";
  $d['a'] = 100;     // overwrite keeps position
  unset($d['b']);
  $d['b'] = 200;     // re-insert goes to the end
  echo implode(",", Vec\keys($d)), " | ", implode(",", $d), "\n";
  $ks = keyset[3, 1, 2, 1, 3];
  foreach ($ks as $k => $x) { echo $k, ":", $x, " "; }
  echo "\n";

  list($a, $b, $c) = $v;
  echo $c, $b, $a, "\n";
  list($_, $second) = $v;
  echo $second, "\n";
  list($p, list($q, $r)) = vec[1, vec[2, 3]];
  echo $p + $q + $r, "\n";
  $x = 1;
  $y = 2;
  list($x, $y) = vec[$y, $x];
  echo $x, $y, "\n";

  $pairs = vec[vec["ann", 31], vec["bob", 27], vec["cy", 45]];
  $ages = dict[];
  foreach ($pairs as $pair) {
    list($name, $age) = $pair;
    $ages[$name] = $age;
  }
  foreach ($ages as $name => $age) { echo $name, " is ", $age, "; "; }
  echo "\n";
  foreach (Vec\zip(vec["x", "y", "z"], vec[10, 20, 30, 40]) as $i => $zz) {
    list($label, $num) = $zz;
    echo $i, ":", $label, $num, " ";
  }
  echo "\n";
  // nested foreach with keys, building a transposed dict
  $grid = dict['r1' => dict['c1' => 1, 'c2' => 2], 'r2' => dict['c1' => 3, 'c2' => 4]];
  $t = dict[];
  foreach ($grid as $rk => $row) {
    foreach ($row as $ck => $val) {
      if (!C\contains_key($t, $ck)) { $t[$ck] = dict[]; }
      $t[$ck][$rk] = $val;
    }
  }
  foreach ($t as $ck => $col) {
    echo $ck, ": ";
    foreach ($col as $rk => $val) { echo $rk, "=", $val, " "; }
    echo "\n";
  }
  // iterating a copy: modifications inside the loop do not affect iteration
  $nums = vec[1, 2, 3];
  $seen = 0;
  foreach ($nums as $n) {
    $nums[] = $n;
    $seen++;
  }
  echo $seen, " ", count($nums), "\n";
  // break/continue in foreach over dict
  $sum = 0;
  foreach (dict['a' => 1, 'b' => -1, 'c' => 5, 'd' => 100, 'e' => 7] as $k => $n) {
    if ($n < 0) { continue; }
    if ($n > 50) { break; }
    $sum += $n;
  }
  echo "sum ", $sum, "\n";
  foreach (vec[] as $never) { echo "never\n"; }
  foreach (dict[] as $k => $never) { echo "never\n"; }
  echo "done\n";
}
