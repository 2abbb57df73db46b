<?hh
// Integer and float arithmetic on scalars: precedence, associativity,
// `/` giving int when exact, `%` signs, unary minus, ++/--, compound assignment.

function show(num $v): string {
  if (is_int($v)) {
    return "int:".(string)$v;
  }
  return "float:".(string)$v;
}

function average(int $a, int $b, int $c): num {
  return ($a + $b + $c) / 3;
}

<<__EntryPoint>>
function main(): void {
  echo 2 + 3 * 4, " ", (2 + 3) * 4, " ", 20 - 5 - 3, " ", 2 * 3 % 4, "\n";
  echo 100 / 10 / 2, " ", 7 - -3, " ", -7 + +3, " ", - (4 - 10), "\n";
  echo show(12 / 4), " ", show(13 / 4), " ", show(-13 / 4), " ", show(1 / 8), "\n";
  echo show(0 / 7), " ", show(9 / -3), " ", show(2.0 * 3), " ", show(5 - 0.5), "\n";
  echo show(average(1, 2, 3)), " ", show(average(1, 2, 4)), " ", show(average(-5, 0, 0)), "\n";
  echo 17 % 5, " ", -17 % 5, " ", 17 % -5, " ", -17 % -5, " ", 0 % 3, "\n";
  echo 1 + 2 * 3 - 4 / 2, " ", (1 + 2) * (3 - 4) / 2, "\n";
  echo 0x1F + 0b101 + 017 + 1_000, " ", 0xff * 2, " ", 1_000_000 / 1_000, "\n";
  echo 1.5 + 2, " ", 10 / 4, " ", 2.5 * 4, " ", 0.1 * 3, " ", 1e3 + 1, "\n";

  $x = 10;
  $x += 5;
  echo $x, " ";
  $x -= 3;
  echo $x, " ";
  $x *= 4;
  echo $x, " ";
  $x %= 7;
  echo $x, " ";
  $x **= 3;
  echo $x, " ";
  $x /= 4;
  echo $x, " ";
  $x /= 4;
  echo show($x), "\n";

  $i = 5;
  $a = $i++;
  $b = ++$i;
  $c = $i--;
  $d = --$i;
  echo $a, " ", $b, " ", $c, " ", $d, " ", $i, "\n";
  $f = 1.5;
  $f++;
  echo $f, " ";
  $f--;
  $f--;
  echo $f, "\n";

  // running totals in a loop, int and float mixed
  $total = 0;
  $ftotal = 0.0;
  for ($k = 1; $k <= 10; $k++) {
    $total += $k * $k;
    $ftotal += 1 / $k;
  }
  echo "sum of squares ", $total, " harmonic ", $ftotal, "\n";
  $celsius = -40;
  while ($celsius <= 100) {
    $fahr = $celsius * 9 / 5 + 32;
    echo $celsius, "C=", $fahr, "F ", show($fahr), "\n";
    $celsius += 35;
  }
  $n = 7;
  echo "neg: ", -$n, " ", -(-$n), " ", -$n * -$n, " ", -$n % 4, "\n";
  echo "mixed: ", (3 + 4) . "|" . (3 * 4) . "|" . (3 - 4), "\n";
}
