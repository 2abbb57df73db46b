<?hh
// A hot function with a loop of its own, inlined into the one function of the batch: a consumer
// in the background compiles it on its own first, for the interpreter that runs `outer` until
// the batch's code comes in.

function inner(int $a): int {
  $s = 0;
  for ($k = 0; $k < 20; $k++) {
    $s = ($s ^ ($a * $k + $k)) & 0xffffff;
  }
  return $s;
}

function outer(int $r): int {
  $h = 0;
  for ($i = 0; $i < 200; $i++) {
    $h = ($h * 31 + inner($i + $r)) % 1000003;
  }
  return $h;
}

<<__EntryPoint>>
function main(): void {
  $c = 0;
  for ($r = 0; $r < 40; $r++) {
    $c = ($c + outer($r)) % 1000003;
  }
  echo "checksum ", $c, "\n";
}
