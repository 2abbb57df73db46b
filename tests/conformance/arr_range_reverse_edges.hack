<?hh
// range() of non-numeric strings longer than one byte (the characters between their first
// bytes, as PHP 8.2 and HHVM), of numeric and mixed strings; array_reverse with
// preserve_keys on a vec (a dict keyed n-1..0), without it, and on a dict.
<<__EntryPoint>>
function main(): void {
  foreach (vec[vec['aa', 'cc'], vec['A', 'Cx'], vec['z', 'wq'], vec['a', '1'], vec['1', 'a'], vec[' 1', '3'], vec['1.5', 'c'], vec['x', 'x'], vec['', 'c']] as $p) {
    $r = range($p[0], $p[1]);
    echo count($r), ":", implode(",", $r), "\n";
  }
  echo implode(",", range('a', 'k', 3)), "|", implode(",", range('aq', 'e', 2)), "\n";
  $r = array_reverse(vec[10, 20, 30], true);
  foreach ($r as $k => $v) { echo $k, "=>", $v, " "; }
  echo "\n", $r[0], " ", count($r), "\n";
  $r = array_reverse(vec[10, 20, 30]);
  foreach ($r as $k => $v) { echo $k, "=>", $v, " "; }
  echo "\n";
  $r = array_reverse(dict[5 => 'a', 'k' => 'b', 9 => 'c'], true);
  foreach ($r as $k => $v) { echo $k, "=>", $v, " "; }
  echo "\n";
  echo count(array_reverse(vec[], true)), "\n";
}
