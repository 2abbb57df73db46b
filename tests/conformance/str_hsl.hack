<?hh
// The HSL Str\ and Math\ functions on scalars: length, repeat, contains,
// starts_with/ends_with, slice, replace, trim, to_int, case, padding,
// search, format; Math\abs/floor/ceil/round/int_div/sqrt. Used to build a
// small slug/identifier normaliser and a column formatter.

use namespace HH\Lib\{Math, Str};

function slugify(string $title): string {
  $s = Str\lowercase(Str\trim($title));
  $out = "";
  $dash = false;
  for ($i = 0; $i < Str\length($s); $i++) {
    $c = Str\slice($s, $i, 1);
    if (($c >= "a" && $c <= "z") || ($c >= "0" && $c <= "9")) {
      $out .= $c;
      $dash = false;
    } else if (!$dash && $out !== "") {
      $out .= "-";
      $dash = true;
    }
  }
  return Str\trim($out, "-");
}

function column(string $label, int $value): string {
  return Str\pad_right($label, 12, ".").Str\pad_left((string)$value, 8);
}

function parse_or(string $s, int $fallback): int {
  return Str\to_int($s) ?? $fallback;
}

<<__EntryPoint>>
function main(): void {
  $s = "Hello, Hack World";
  echo Str\length($s), " ", Str\length(""), " ", Str\repeat("ab", 4), " [", Str\repeat("x", 0), "]\n";
  echo Str\contains($s, "Hack") ? "yes" : "no", " ", Str\contains($s, "hack") ? "yes" : "no", " ", Str\contains($s, "") ? "yes" : "no", " ", Str\contains($s, "o", 10) ? "yes" : "no", "\n";
  echo Str\starts_with($s, "Hello") ? "T" : "F", Str\starts_with($s, "hello") ? "T" : "F", Str\ends_with($s, "World") ? "T" : "F", Str\ends_with($s, "world") ? "T" : "F", Str\ends_with("ab", "abc") ? "T" : "F", "\n";
  echo Str\slice($s, 7), "|", Str\slice($s, 7, 4), "|", Str\slice($s, 0, 5), "|", Str\slice($s, 12, 100), "|", Str\slice($s, 17), "|\n";
  echo Str\replace($s, "l", "L"), " ", Str\replace("aaa", "a", "bb"), " ", Str\replace("none", "x", "y"), "\n";
  echo "[", Str\trim("  both  "), "] [", Str\trim("xxmidxx", "x"), "] [", Str\trim("\t\n"), "]\n";
  echo Str\uppercase("mixed Case 42"), " ", Str\lowercase("MIXED Case 42"), "\n";
  echo "[", Str\pad_left("7", 3, "0"), "] [", Str\pad_right("ab", 6, "-="), "] [", Str\pad_left("long", 2), "] [", Str\pad_left("r", 4), "]\n";
  $pos = Str\search($s, "o");
  echo $pos ?? "null", " ", Str\search($s, "o", 5) ?? "null", " ", Str\search($s, "zzz") ?? "null", " ", Str\search($s, "H") ?? "null", "\n";
  echo Str\format("%s has %d chars (%05.1f%%)", "word", 4, 12.345), " ", Str\format("%x-%X-%o", 255, 255, 8), "\n";
  $ints = "42|-7|007|0|abc|12abc| 5|9223372036854775807|";
  $start = 0;
  $line = "";
  while ($start < Str\length($ints)) {
    $bar = Str\search($ints, "|", $start) ?? Str\length($ints);
    $piece = Str\slice($ints, $start, $bar - $start);
    $v = Str\to_int($piece);
    $line .= "'".$piece."'=>".($v === null ? "null" : (string)$v)." ";
    $start = $bar + 1;
  }
  echo $line, "\n";
  echo parse_or("123", -1), " ", parse_or("1.5", -1), " ", parse_or("", -1), "\n";
  echo slugify("  Hello, World! "), " ", slugify("Hack & PHP: 2 Languages"), " ", slugify("--already-slugged--"), "\n";
  echo column("apples", 42), "\n", column("kiwis", -1234), "\n", column("a-very-long-label", 7), "\n";
  echo Math\abs(-9), " ", Math\abs(2.5), " ", Math\floor(2.7), " ", Math\floor(-2.7), " ", Math\ceil(2.1), " ", Math\ceil(-2.1), "\n";
  echo Math\round(2.5), " ", Math\round(-2.5), " ", Math\round(3.14159, 3), " ", Math\round(1234.0, -2), "\n";
  echo Math\int_div(20, 6), " ", Math\int_div(-20, 6), " ", Math\sqrt(64), " ", Math\sqrt(2.0), "\n";
  $total = 0;
  for ($i = 1; $i <= 10; $i++) {
    $total += Math\int_div($i * $i, 3);
  }
  echo "sum of floor(i^2/3) for 1..10 = ", $total, "\n";
}
