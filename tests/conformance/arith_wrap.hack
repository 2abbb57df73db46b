<?hh
// oracle: hand
// Hack ints are 64-bit two's complement: + - * ++ -- wrap on overflow
// (PHP would switch to float). Expected output computed with Python.

const int LCG_A = 6364136223846793005;
const int LCG_C = 1442695040888963407;

function lcg_next(int $state): int {
  return $state * LCG_A + LCG_C;
}

function djb2(string $s): int {
  $h = 5381;
  for ($i = 0; $i < strlen($s); $i++) {
    $h = ($h << 5) + $h + ord($s[$i]);
  }
  return $h;
}

function factorial(int $n): int {
  $r = 1;
  for ($i = 2; $i <= $n; $i++) {
    $r *= $i;
  }
  return $r;
}

function fib(int $n): int {
  $a = 0;
  $b = 1;
  for ($i = 0; $i < $n; $i++) {
    $t = $a + $b;
    $a = $b;
    $b = $t;
  }
  return $a;
}

<<__EntryPoint>>
function main(): void {
  $max = PHP_INT_MAX;
  $min = PHP_INT_MIN;
  echo $max, " ", $min, "\n";
  echo $max + 1, " ", $max + $max, " ", $min - 1, " ", $min + $min, "\n";
  echo $max * 3, " ", $min * -1, " ", $min * 2, " ", -$min, "\n";
  $c = $max;
  $c++;
  echo $c, " ";
  $c--;
  echo $c, " ";
  $c += 10;
  echo $c, " ";
  $c -= 20;
  echo $c, "\n";
  echo ($max + 1 === $min) ? "max+1 wraps to min" : "no wrap", "\n";
  echo ($max + 1) < 0 ? "negative" : "positive", "\n";
  // division and modulo at the edges
  $q = $min / -1;
  echo $q, " ", is_float($q) ? "float" : "int", "\n";
  echo $min % -1, " ", $min % 7, " ", $max % 7, " ", intdiv($min, 2), "\n";
  // factorials past 20! wrap
  for ($n = 19; $n <= 23; $n++) {
    echo $n, "! = ", factorial($n), "\n";
  }
  echo "fib(92) = ", fib(92), "\n";
  echo "fib(93) = ", fib(93), "\n";
  echo "fib(100) = ", fib(100), "\n";
  // a linear congruential generator relies on wrapping multiplication
  $s = 42;
  for ($i = 0; $i < 5; $i++) {
    $s = lcg_next($s);
    echo "lcg ", $i, ": ", $s, " -> ", ($s >> 33) & 0xFFFF, "\n";
  }
  echo "djb2(hello) = ", djb2("hello"), "\n";
  echo "djb2(the quick brown fox jumps over the lazy dog) = ",
    djb2("the quick brown fox jumps over the lazy dog"), "\n";
  $p = 1;
  for ($i = 0; $i < 64; $i++) {
    $p *= 3;
  }
  echo "3^64 wrapped = ", $p, "\n";
  echo 0x7FFFFFFFFFFFFFFF + 0x7FFFFFFFFFFFFFFF + 2, "\n";
}
