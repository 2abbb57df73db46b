<?hh
// oracle: hand
// `+ - *` and `< <= == === !==` on values of unknown type (elements of a vec<mixed>, so no
// profile or inference makes them ints): two ints take compiled code's inline path and wrap at
// 64 bits as typed ints do; an int with a float takes the helpers. Every pair of values, 300
// rounds (hot in every tier), then a checksum and the last round's results.
// Expected output: php/hand/arith_mixed_ints.py.

function combine(mixed $a, mixed $b): string {
  return (string)($a + $b) . " " . (string)($a - $b) . " " . (string)($a * $b) . " " .
    ($a < $b ? "lt" : "-") . " " . ($a <= $b ? "le" : "-") . " " . ($a == $b ? "eq" : "-") .
    " " . ($a === $b ? "same" : "-") . " " . ($a !== $b ? "nsame" : "-");
}

function count_below(vec<mixed> $v, mixed $limit): int {
  $n = 0;
  for ($i = 0; $i < count($v); $i++) {
    if ($v[$i] < $limit) {
      $n = $n + 1;
    }
  }
  return $n;
}

<<__EntryPoint>>
function main(): void {
  $vals = vec[0, 1, -7, 3, PHP_INT_MAX, PHP_INT_MIN, 1000000007, 2.5];
  $lines = vec[];
  $check = 0;
  for ($r = 0; $r < 300; $r++) {
    $lines = vec[];
    foreach ($vals as $a) {
      foreach ($vals as $b) {
        $line = combine($a, $b);
        $check = ($check * 31 + strlen($line)) % 1000000007;
        $lines[] = $line;
      }
    }
    $check = ($check + count_below($vals, $r - 150)) % 1000000007;
  }
  echo "checksum ", $check, "\n";
  foreach ($lines as $l) {
    echo $l, "\n";
  }
}
