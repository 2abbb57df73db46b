<?hh
// oracle: hand
// Hack arrays nested thousands deep (values, never cycles) compare, encode and count as
// shallow ones do; the recursion limit (10,000 levels) is far past PHP's own tests.
<<__EntryPoint>>
function main(): void {
  $a = vec[];
  $b = vec[];
  $c = vec[1];
  $d = dict[];
  for ($i = 0; $i < 3000; $i++) {
    $a = vec[$a];
    $b = vec[$b];
    $c = vec[$c];
    $d = dict['k' => $d];
  }
  var_dump($a == $b, $a === $b, $a <=> $b, $a == $c, $a <=> $c);
  $j = json_encode($d, 0, 4000);
  echo strlen($j), " ", substr($j, 0, 12), "\n";
  var_dump(json_encode($d, 0, 2999));
  echo count($c, COUNT_RECURSIVE), "\n";
}
