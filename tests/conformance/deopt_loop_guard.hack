<?hh
// A guard inside a loop that fails on its 1000th iteration: the vec holds ints until index 999,
// which holds a float. Compiled code resumes the interpreter in the middle of the loop, with
// the partial sum, the counter and the iterator.

function weigh(vec<num> $v): num {
  $s = 0;
  $n = 0;
  foreach ($v as $x) {
    $s = $s + $x * 2;
    $n++;
  }
  echo "n=", $n, " ";
  return $s;
}

<<__EntryPoint>>
function main(): void {
  $v = vec[];
  for ($i = 0; $i < 2000; $i++) {
    $v[] = $i;
  }
  for ($k = 0; $k < 4; $k++) {
    echo weigh($v), "\n";
  }
  $v[999] = 0.5;
  echo weigh($v), "\n";
  $v[999] = 999;
  echo weigh($v), "\n";
}
