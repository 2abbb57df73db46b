<?hh
function repeat_join(string $s, int $n, string $sep = ","): string {
  $out = "";
  for ($i = 0; $i < $n; $i++) {
    if ($i > 0) {
      $out .= $sep;
    }
    $out .= $s;
  }
  return $out;
}
<<__EntryPoint>>
function main(): void {
  $total = 0.0;
  $i = 0;
  while ($i < 5) {
    $total += $i * 1.5;
    $i++;
  }
  echo "total=$total ", repeat_join("ab", 3), "\n";
}
