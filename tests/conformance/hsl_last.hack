// oracle: hand (HSL C\last/C\last_key; sums checked by formula)
// C\last and C\last_key read from the end (a stack's top in constant time) for vecs, dicts and
// keysets, also after the last entries were removed; null for empty containers.
<<__EntryPoint>>
function main(): void {
  $stack = vec[];
  $sum = 0;
  for ($i = 0; $i < 50000; $i++) {
    $stack[] = $i;
    $sum += C\last($stack) ?? 0;
  }
  echo $sum, " ", C\last_key($stack), "\n";
  $d = dict['a' => 1, 'b' => 2, 'c' => 3];
  unset($d['c']);
  echo C\last($d), " ", C\last_key($d), "\n";
  unset($d['b']);
  unset($d['a']);
  var_dump(C\last($d), C\last_key($d));
  $k = keyset['x', 'y', 'z'];
  unset($k['z']);
  echo C\last($k), " ", C\last_key($k), "\n";
  var_dump(C\last(vec[]), C\last_key(keyset[]));
  $d2 = dict[];
  for ($i = 0; $i < 20000; $i++) {
    $d2['k'.$i] = $i;
    $sum += C\last($d2);
  }
  echo $sum, " ", C\last_key($d2), "\n";
}
