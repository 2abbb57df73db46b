<?hh
// Run with --memory-limit=16M (PHP: -d memory_limit=16M). Each kept result has one element;
// its memory must follow its size, not the input's (the HSL builds them by insertion).
<<__EntryPoint>>
function main(): void {
  $big = Vec\fill(100000, 7);
  $keep = vec[];
  for ($i = 0; $i < 20; $i++) {
    $keep[] = Vec\unique($big);
    $keep[] = Dict\from_keys($big, $x ==> $x);
    $keep[] = Dict\fill_keys($big, 0);
    $keep[] = Dict\flip($big);
    $keep[] = Keyset\map($big, $x ==> $x);
    $keep[] = Keyset\diff($big, keyset[1]);
  }
  echo count($keep), "\n";
  for ($i = 0; $i < 6; $i++) { echo count($keep[$i]), " ", Vec\keys($keep[$i])[0], " ", C\first($keep[$i]), "\n"; }
}
