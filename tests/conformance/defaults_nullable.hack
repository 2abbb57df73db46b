<?hh
// Function parameters: defaults (literals, constants, expressions), nullable
// types with null defaults, nullable returns, `??` and `??=` on locals,
// optional arguments passed explicitly, num and arraykey parameters.

const int DEFAULT_WIDTH = 10;
const string FILL = ".";

function pad(string $s, int $width = DEFAULT_WIDTH, string $fill = FILL): string {
  return str_pad($s, $width, $fill);
}

function greet(?string $name = null, string $greeting = "Hello"): string {
  return $greeting.", ".($name ?? "stranger")."!";
}

function find_char(string $s, string $c): ?int {
  $p = strpos($s, $c);
  return $p === false ? null : $p;
}

function describe_pos(?int $p): string {
  if ($p === null) {
    return "absent";
  }
  return "at ".$p;
}

function scale(num $x, num $factor = 2): num {
  return $x * $factor;
}

function key_kind(arraykey $k): string {
  return is_int($k) ? "int key ".$k : "string key '".$k."'";
}

function range_sum(int $from, int $to = 10, int $step = 1): int {
  $s = 0;
  for ($i = $from; $i <= $to; $i += $step) {
    $s += $i;
  }
  return $s;
}

function maybe_double(?float $f): ?float {
  return $f === null ? null : $f * 2.0;
}

function label(bool $flag = DEFAULT_WIDTH > 5, ?bool $tri = null): string {
  $t = $tri === null ? "unset" : ($tri ? "yes" : "no");
  return ($flag ? "on" : "off")."/".$t;
}

<<__EntryPoint>>
function main(): void {
  echo "[", pad("ab"), "] [", pad("ab", 5), "] [", pad("ab", 6, "*"), "]\n";
  echo greet(), " ", greet("Ada"), " ", greet(null, "Hi"), " ", greet("Bob", "Bye"), "\n";
  echo describe_pos(find_char("hello", "l")), ", ", describe_pos(find_char("hello", "z")), ", ", describe_pos(find_char("hello", "h")), "\n";
  echo scale(3), " ", scale(3, 4), " ", scale(1.5), " ", scale(2, 0.25), " ", scale(-1.5, -2.0), "\n";
  echo key_kind(5), ", ", key_kind("five"), ", ", key_kind("5"), "\n";
  echo range_sum(1), " ", range_sum(1, 100), " ", range_sum(0, 20, 5), " ", range_sum(11), "\n";
  $d = maybe_double(null);
  echo $d ?? "null", " ", maybe_double(2.25) ?? "null", "\n";
  echo label(), " ", label(false), " ", label(true, false), " ", label(false, true), "\n";
  // ?? chains and ??= on locals
  $a = null;
  $b = null;
  $c = "third";
  echo $a ?? $b ?? $c, " ", $a ?? "x", " ", 0 ?? "unused", " ", "" ?? "unused", "|\n";
  $cache = null;
  $calls = 0;
  for ($i = 0; $i < 3; $i++) {
    if ($cache === null) {
      $calls++;
    }
    $cache ??= "computed";
  }
  echo $cache, " after ", $calls, " computation\n";
  $v = 0;
  $v ??= 99;
  echo "zero stays: ", $v, "\n";
  $name = null;
  $display = $name ?? "anonymous";
  echo strtoupper($display), " ", strlen($name ?? ""), "\n";
  $x = find_char("abcdef", "d");
  $y = find_char("abcdef", "q");
  echo ($x ?? -1) + ($y ?? -1), "\n";
}
