<?hh
// An average calculator that divides by a count which reaches zero: the
// uncaught DivisionByZeroException from `/` ends the program (exit 255).

function average(int $sum, int $count): num {
  return $sum / $count;
}

function report(int $sum, int $count): void {
  $avg = average($sum, $count);
  echo "sum=", $sum, " count=", $count, " avg=", $avg, "\n";
}

<<__EntryPoint>>
function main(): void {
  $sum = 100;
  $count = 4;
  while (true) {
    report($sum, $count);
    $sum -= 10;
    $count--;
  }
}
