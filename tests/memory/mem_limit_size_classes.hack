<?hh
// Run with --memory-limit=16M (PHP: -d memory_limit=16M). Live data never exceeds ~8 MB,
// but each round uses strings of a different size; freed memory must come back to the budget.
<<__EntryPoint>>
function main(): void {
  $t = 0;
  for ($r = 0; $r < 27; $r++) {
    $len = 8 + $r * 150;
    $v = vec[];
    for ($i = 0; $i < 2000; $i++) { $v[] = str_repeat("a", $len) . $i; }
    $t += strlen($v[1999]);
    $v = vec[];
  }
  echo $t, "\n";
}
