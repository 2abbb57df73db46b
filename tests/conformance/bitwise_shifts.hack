<?hh
// oracle: hand
// Bitwise operators and shifts on 64-bit ints. Hack masks shift counts with 63
// (`1 << 64 === 1`, `$x >> 65 === $x >> 1`); `>>` is arithmetic. PHP differs
// for counts >= 64, so the expected output was computed with Python.

function popcount(int $x): int {
  $n = 0;
  for ($i = 0; $i < 64; $i++) {
    if ((($x >> $i) & 1) === 1) {
      $n++;
    }
  }
  return $n;
}

function bin8(int $x): string {
  $s = "";
  for ($i = 7; $i >= 0; $i--) {
    $s .= (($x >> $i) & 1) === 1 ? "1" : "0";
  }
  return $s;
}

function reverse_byte(int $b): int {
  $r = 0;
  for ($i = 0; $i < 8; $i++) {
    $r = ($r << 1) | ($b & 1);
    $b = $b >> 1;
  }
  return $r;
}

function lowest_set_bit(int $x): int {
  return $x & -$x;
}

<<__EntryPoint>>
function main(): void {
  echo 12 & 10, " ", 12 | 10, " ", 12 ^ 10, " ", ~12, " ", ~0, " ", ~-1, "\n";
  echo 0xF0 & 0x3C, " ", 0xF0 | 0x0F, " ", 0xFF ^ 0xAA, " ", -1 & 0xFF, "\n";
  echo 1 << 10, " ", 1024 >> 3, " ", -1024 >> 3, " ", -1 >> 10, " ", 5 << 0, "\n";
  echo 1 << 62, " ", 1 << 63, " ", (1 << 63) >> 63, " ", PHP_INT_MAX >> 62, "\n";
  // shift counts are masked with 63
  echo 1 << 64, " ", 1 << 65, " ", 3 << 66, " ", 256 >> 64, " ", 256 >> 68, "\n";
  $n = 70;
  echo 1 << $n, " ", -64 >> $n, " ", 7 << -1, " ", 12 >> -62, "\n";
  echo "precedence: ", 1 + 2 << 3, " ", 1 << 2 + 3, " ", 6 & 3 | 8, " ", 6 ^ 3 & 1, "\n";
  for ($v = 1; $v <= 255; $v = $v * 3 + 1) {
    echo bin8($v), " rev ", bin8(reverse_byte($v)), " pop ", popcount($v), " low ", lowest_set_bit($v), "\n";
  }
  echo "popcount(-1) ", popcount(-1), " popcount(MIN) ", popcount(PHP_INT_MIN), "\n";
  // flags packed into an int
  $READ = 1;
  $WRITE = 2;
  $EXEC = 4;
  $perm = $READ | $EXEC;
  echo "perm ", $perm, " can write? ", ($perm & $WRITE) !== 0 ? "yes" : "no", "\n";
  $perm |= $WRITE;
  $perm &= ~$EXEC;
  echo "perm ", $perm, " can exec? ", ($perm & $EXEC) !== 0 ? "yes" : "no", "\n";
  $perm ^= 7;
  echo "toggled ", $perm, "\n";
  $x = 1;
  $x <<= 20;
  echo $x, " ";
  $x >>= 18;
  echo $x, " ";
  $x <<= 67;
  echo $x, "\n";
  // xorshift64 pseudo-random sequence
  $s = 88172645463325252;
  for ($i = 0; $i < 4; $i++) {
    $s ^= $s << 13;
    $s ^= ($s >> 7) & 0x01FFFFFFFFFFFFFF;
    $s ^= $s << 17;
    echo "xorshift ", $i, ": ", $s, " ", dechex($s), "\n";
  }
  echo dechex(-1), " ", dechex(1 << 63), " ", dechex(0xDEAD << 16), "\n";
}
