<?hh
// hexdec past PHP_INT_MAX gives a float (PHP and HHVM), in arithmetic, printing and
// var_dump; below it an int. Hot, so compiled code sees both kinds of result.

<<__EntryPoint>>
function main(): void {
  $big = hexdec("10000000000000000");
  echo $big + 1, " ", $big * 2, " ", $big, "\n";
  var_dump($big, hexdec("1ffffffffffffffff"), hexdec("7fffffffffffffff"), hexdec("ff"));
  $t = 0.0;
  $n = 0;
  for ($i = 0; $i < 3000; $i++) {
    $x = hexdec($i % 2 === 0 ? "ffffffffffffffffff" : "7f");
    if ($x is float) {
      $t += $x / 1e18;
    } else {
      $n += $x;
    }
  }
  echo $t, " ", $n, "\n";
}
