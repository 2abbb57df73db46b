<?hh
// String builtins at their edges, each inside a loop so the optimizing tiers compile the
// call sites: substr/Str\slice with negative and out-of-range offsets/lengths, str_repeat,
// implode/explode with positive/negative/zero limits, Str\split, case mapping of non-ASCII
// bytes, the trim family with masks and ranges, sprintf/Str\format with widths, flags and
// exactly representable floats, str_pad both sides, ord/chr wrapping, string comparisons
// (numeric strings compare as numbers), strcmp signs, building strings with .= in hot loops.
use namespace HH\Lib\{Str, Vec};

function sgn(int $n): int { return $n < 0 ? -1 : ($n > 0 ? 1 : 0); }

function cmp_row(string $a, string $b): string {
  return ($a < $b ? "<" : "") . ($a <= $b ? "le " : "") . ($a == $b ? "eq " : "") . ($a > $b ? ">" : "")
    . ($a <=> $b) . " " . sgn(strcmp($a, $b));
}

<<__EntryPoint>>
function main(): void {
  $s = "abcdefgh";
  $h = 0;
  $samples = vec[];
  for ($i = 0; $i < 4000; $i++) {
    $off = ($i % 23) - 11;
    $len = ($i % 19) - 9;
    $a = substr($s, $off, $len);
    $b = substr($s, $off);
    $c = ($off >= -8 && $off <= 8) ? Str\slice($s, $off, $len < 0 ? 0 : $len) : "#";
    $h = ($h * 33 + strlen($a) * 7 + strlen($b) * 3 + strlen($c) + ord($a . "z")) % 1000000007;
    if ($i < 23 || $i % 997 === 0) { $samples[] = $off . "/" . $len . "=" . $a . "|" . $b . "|" . $c; }
  }
  echo $h, "\n", Str\join($samples, " "), "\n";

  $csv = ",a,,b,c,";
  foreach (vec[-7, -3, -1, 0, 1, 2, 3, 6, 9] as $lim) {
    echo $lim, ":", Str\join(Vec\map(explode(",", $csv, $lim), $p ==> "[" . $p . "]"), ""), " ";
  }
  echo "\n", Str\join(Str\split("k=v=w", "=", 2), "|"), " ", count(explode("ab", "ababab")), " ",
    Str\join(explode(", ", "x, y,z"), "|"), " ", implode("+", vec[1, 2.5, true, false, null, "s"]), " ",
    implode("", vec[]), "|", implode("-", keyset["p", 7]), "\n";

  $mixed = "Hello WORLD \xC3\xA9\xC3\x89 123 _z[`{@";
  echo strtoupper($mixed), "|", strtolower($mixed), "|", ucfirst("\xC3\xA9t\xC3\xA9"), "|", Str\uppercase("m-x"), "\n";
  echo "[", trim("\x00\t\n \x0Bx y\r\n"), "] [", trim("abcxcba", "a..c"), "] [", rtrim("1.2300", "0"), "] [",
    ltrim("0.0012", "0."), "] [", trim("[[x]]", "[]"), "] [", Str\trim("--a-b--", "-"), "] [", rtrim("xyz", "a..z"), "]\n";

  $pads = vec[];
  for ($w = 0; $w < 12; $w++) {
    $pads[] = str_pad("ab", $w, "-=", STR_PAD_BOTH) . "/" . str_pad("ab", $w, "xyz", STR_PAD_LEFT) . "/" . str_pad("ab", $w);
  }
  echo Str\join($pads, " "), "|\n", Str\pad_left("5", 4, "0"), " ", Str\pad_right("ab", 7, "12"), " [", str_repeat("ab", 0), "] ",
    str_repeat("-=", 4), " ", Str\repeat("xy", 3), "\n";

  $chars = "";
  $sum = 0;
  for ($i = -300; $i < 600; $i++) {
    $ch = chr($i);
    $sum += ord($ch) * (($i % 7) + 1);
    if ($i % 97 === 0) { $chars .= dechex(ord($ch)) . " "; }
  }
  echo $sum, " ", $chars, ord(""), " ", ord("\xFFabc"), " ", ord("A"), "\n";

  $fmts = vec["%5d|%-5d|%05d|%+d|% d", "%x|%X|%o|%b|%c", "%.3f|%8.2f|%-8.1f|%08.3f|%+.2f", "%e|%.2e|%10.1e|%s|%5s", "%-6s|%06s|%%|%s|%d"];
  $args = vec[vec[42, -42, -42, 0, 7], vec[255, 48879, 8, 10, 65], vec[0.375, -2.5, 1.3, -0.625, 3.0],
    vec[1234.5, 0.0625, -75000.0, 0.1 + 0.2, "abc"], vec["ab", "-3", "%", true, "12abc"]];
  for ($k = 0; $k < 5; $k++) {
    $out = "";
    for ($rep = 0; $rep < 300; $rep++) {
      $out = sprintf($fmts[$k], ...$args[$k]);
    }
    echo $out, " ", Str\format($fmts[$k], ...$args[$k]) === $out ? "same" : "DIFF", "\n";
  }
  echo sprintf("%.1f %.2f %.0f %.3f", 0.3, 1.8751, 7.0, -0.0626), " ", number_format(1234567.75, 2), " ",
    number_format(-0.75, 2), " ", number_format(1000000), " ", number_format(5.5, 2, ",", " "), "\n";

  $words = vec["10", "9", "1e1", "abc", "abd", "ab", "", "Z", "a", "010", "10.0", " 5", "5"];
  for ($i = 0; $i + 1 < count($words); $i++) {
    echo $words[$i], "?", $words[$i + 1], " ", cmp_row($words[$i], $words[$i + 1]), "; ";
  }
  echo "\n";
  $lt = 0;
  for ($i = 0; $i < 3000; $i++) {
    $x = (string)($i % 50);
    $y = (string)(($i * 7) % 50);
    if ($x < $y) { $lt++; }
    if ("k" . $x < "k" . $y) { $lt += 1000; }
  }
  echo $lt, " ", max("apple", "banana", "ab"), " ", min("10", "9"), " ", max(vec["b", "c", "a"]), "\n";

  $acc = "";
  for ($i = 0; $i < 5000; $i++) {
    $acc .= chr(97 + $i % 26);
    if (strlen($acc) > 40) { $acc = substr($acc, 7) . strtoupper(substr($acc, 0, 2)); }
  }
  echo strlen($acc), " ", $acc, " ", strrev($acc), " ", str_replace("A", "4", $acc), "\n";
}
