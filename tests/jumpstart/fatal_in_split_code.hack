<?hh
// Two batch functions, each with a branch the profile never saw (split off to the cold area),
// and a fatal error (step budget, memory limit) raised below the second one's loop.

function warm(int $n): int {
  $t = 0;
  for ($i = 0; $i < $n; $i++) {
    if ($i < 0) {
      echo "neg\n";
    }
    $t += $i % 3;
  }
  return $t;
}

function run(int $n, int $k): int {
  $t = 0;
  for ($i = 1; $i <= $n; $i++) {
    if ($i % $k == 0) {
      $t += strlen(str_repeat("x", $i * 1000));
    }
  }
  return $t;
}

<<__EntryPoint>>
function main(): void {
  echo warm(5000), " ", run(40000, 5000), "\n";
}
