<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// String literals: escapes in double quotes, single-quote rules, simple and
// braced interpolation of int/float/bool/null locals, `$` edge cases.

function banner(string $title, int $width): string {
  $pad = $width - strlen($title) - 2;
  $left = intdiv($pad, 2);
  $right = $pad - $left;
  return "[".str_repeat("=", $left)." $title ".str_repeat("=", $right)."]";
}

function main(): void {
  $name = "Ada";
  $age = 36;
  $ratio = 0.75;
  $ok = true;
  $no = false;
  $nothing = null;
  echo "Name: $name, age: $age, ratio: $ratio\n";
  echo "Braced: {$name}s are {$age}yo ({$ratio})\n";
  echo "Bools: [$ok] [$no] null: [$nothing]\n";
  echo "Adjacent: $name$age$ratio\n";
  echo "Dollar alone: $ 5 and trailing $\n";
  echo "Escaped: \$name {\$name}\n";
  echo "Tabs:\tA\tB\n";
  echo "Quotes: \"double\" 'single' \\backslash\\\n";
  echo "Hex: \x48\x65\x6c\x6c\x6f \x7e\n";
  echo "Unicode: \u{41}\u{3b1}\u{20AC} lengths ", strlen("\u{3b1}"), " ", strlen("\u{20AC}"), "\n";
  echo "Null byte length: ", strlen("a\0b"), " ord: ", ord("\0"), "\n";
  echo "CR: ", strlen("\r"), " ", ord("\r"), " LF: ", ord("\n"), " TAB: ", ord("\t"), "\n";
  echo 'Single: $name {$name} \n \t \x41', "\n";
  echo 'Single escapes: \' \\ \a', "\n";
  echo "Unknown escapes stay: \q \w \d", "\n";
  echo "Octal-free: \\0 is literal here", "\n";
  $n = 5;
  echo "Expr outside: ".($n * 2)." and inside braces: {$n}0\n";
  echo "Not an interpolation: {$n} { $n}\n";
  echo banner("Title", 20), "\n";
  echo banner("A much longer heading", 30), "\n";
  $s = "x";
  $s .= "$s$s";
  $s .= "{$s}-";
  echo $s, " ", strlen($s), "\n";
  $price = 9.5;
  $qty = 3;
  $line = "$qty x $price = ".($qty * $price)."\n";
  echo $line;
  echo "Multi
line
string", "\n";
  $i = 0;
  while ($i < 3) {
    echo "row $i: {$i}{$i} ", "col".$i, "\n";
    $i++;
  }
}

main();
