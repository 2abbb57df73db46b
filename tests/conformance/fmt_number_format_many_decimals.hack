<?hh
<<__EntryPoint>> function main(): void {
  foreach (vec[65535, 65536, 65537, 100000, 1000000] as $d) {
    $s = number_format(1.5, $d);
    echo $d, ": ", strlen($s), " ", substr($s, 0, 6), " ", substr($s, -3), "\n";
    $t = number_format(-1234567.25, $d, ',', '.');
    echo $d, ": ", strlen($t), " ", substr($t, 0, 14), "\n";
  }
  echo "done\n";
}
