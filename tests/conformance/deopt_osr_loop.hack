<?hh
// Loops that run long enough to be entered by OSR, whose compiled code speculates on the types
// the loop saw so far (int elements), then meets others: a run of floats in the middle (the OSR
// code deoptimizes; the interpreter finishes the loop, with the values of the live-ins defined
// before it and of the constants), and elements that alternate between int and float from
// some point on (every entry would fail again).

function weigh(vec<mixed> $xs, int $base): string {
  $sum = 0;
  $k = 7;
  $n = count($xs);
  $i = 0;
  for ($i = 0; $i < $n; $i++) {
    $x = $xs[$i];
    $sum = $sum + $x * $k + $base;
  }
  return $sum . " " . $i;
}

function alternate(int $n): string {
  $acc = 0;
  $hits = 0;
  for ($i = 0; $i < $n; $i++) {
    $v = $i < $n / 2 ? $i % 5 : ($i % 2 === 0 ? 0.25 : $i % 3);
    $acc = $acc + $v;
    if ($v > 1) {
      $hits++;
    }
  }
  return $acc . " " . $hits;
}

<<__EntryPoint>>
function main(): void {
  $xs = vec[];
  for ($i = 0; $i < 20000; $i++) {
    $xs[] = $i >= 10000 && $i < 10100 ? 0.5 : $i % 10;
  }
  echo weigh($xs, 3), "\n";
  echo alternate(40000), "\n";
}
