<?hh
// A long loop inside the entry point (on-stack replacement moves it to compiled code): live
// values of several types cross the switch (ints, a float, a string, a vec, a dict).

<<__EntryPoint>>
function main(): void {
  $sum = 0;
  $f = 0.5;
  $label = "acc";
  $seen = vec[];
  $counts = dict[];
  for ($i = 0; $i < 200000; $i++) {
    $sum = ($sum + $i * 7) % 1000003;
    $f = $f * 0.999 + 1.0;
    if ($i % 40000 === 0) {
      $seen[] = $i;
      $counts[$label.($i % 3)] = ($counts[$label.($i % 3)] ?? 0) + 1;
    }
  }
  echo $sum, " ", round($f, 6), "\n";
  echo implode(",", $seen), "\n";
  foreach ($counts as $k => $c) {
    echo $k, "=", $c, "\n";
  }
}
