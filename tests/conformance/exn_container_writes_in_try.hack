// oracle: hand (Hack arrays: a vec index past the end, a missing nested key and a dict append
// throw, where PHP's arrays would grow)
// Containers written inside `try`: a write that fails leaves the container as it was for the
// handler and the code after it, and a loop of writes inside `try` updates in place (it was a
// copy per write, so 50,000 appends took seconds).
function writes(): void {
  $v = vec[1, 2];
  try {
    $v[5] = 9;
  } catch (OutOfBoundsException $e) {
    echo "caught ", count($v), " ", $v[1], "\n";
  }
  echo implode(',', $v), "\n";
  $w = vec[];
  try {
    for ($i = 0; $i < 50000; $i++) {
      $w[] = $i;
    }
    $w[100000] = 1;
  } catch (OutOfBoundsException $e) {
    echo "w ", count($w), " ", $w[49999], "\n";
  }
  $d = dict['a' => vec[1]];
  try {
    $d['a'][] = 2;
    $d['b'][] = 3;
  } catch (OutOfBoundsException $e) {
    echo "d ", count($d), " ", count($d['a']), "\n";
  }
  $x = vec[1];
  $y = $x;
  try {
    $x[] = 2;
    $x[7] = 0;
  } catch (OutOfBoundsException $e) {
    echo count($x), count($y), "\n";
  }
  $k = dict['z' => 1];
  try {
    $k[] = 5;
  } catch (InvalidOperationException $e) {
    echo "k ", count($k), "\n";
  }
  $s = keyset['a'];
  try {
    $s[] = 'b';
    $s[] = 1.5;
  } catch (InvalidArgumentException $e) {
    echo "s ", count($s), "\n";
  }
  $f = vec[];
  try {
    for ($i = 0; $i < 30000; $i++) {
      $f[] = $i;
      $f[$i] = $i * 2;
    }
  } finally {
    echo "f ", count($f), " ", $f[29999], "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  for ($n = 0; $n < 3; $n++) {
    writes();
  }
}
