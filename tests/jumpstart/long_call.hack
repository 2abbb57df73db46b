<?hh
// A function called once, whose loop runs for a while: a consumer in the background compiles
// it while the interpreter runs that one call, which then enters the compiled loop by OSR.

function spin(int $ms): int {
  $t0 = hrtime(true);
  $n = 0;
  $h = 7;
  while (hrtime(true) - $t0 < $ms * 1000000) {
    $h = ($h * 31 + $n) % 1000003;
    $n++;
  }
  return $n > 0 && $h >= 0 ? 1 : 0;
}

<<__EntryPoint>>
function main(): void {
  echo "spun ", spin(600), "\n";
}
