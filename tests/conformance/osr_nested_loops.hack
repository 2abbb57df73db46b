<?hh
// Nested loops in the entry point: the iterations are in the inner loops, whose headers take
// values the outer loops' bodies define again on each of their iterations ($row, $scale), so
// on-stack replacement enters compiled code at the outer loop's next iteration.

<<__EntryPoint>>
function main(): void {
  $total = 0;
  $f = 0.0;
  $lines = vec[];
  for ($y = 0; $y < 300; $y++) {
    $row = $y * 31 % 97;
    $scale = 1.0 + $y / 300.0;
    for ($x = 0; $x < 200; $x++) {
      $k = 0;
      $v = $row + $x;
      while ($k < 20 && $v % 5 !== 3) {
        $v = ($v * 7 + $k) % 1009;
        $k++;
      }
      $total = ($total + $v * $k) % 1000003;
      $f += $scale * $k;
    }
    if ($y % 100 === 0) {
      $lines[] = "row ".$y.": ".$total;
    }
  }
  echo implode("\n", $lines), "\n";
  echo "total ", $total, " f ", round($f, 3), "\n";
}
