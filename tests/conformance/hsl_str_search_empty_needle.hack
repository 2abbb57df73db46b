<?hh
// oracle: hand (HSL: Str\search is `strpos` (old HSL, after validate_offset) or the native
// `_Str\strpos_l` (current HSL); HHVM's strpos returns false for an empty needle ("Empty
// delimiter" warning, hphp/runtime/ext/string/ext_string.cpp) and HSLLocaleLibcOps::strpos
// returns -1 when the needle is empty, so Str\search gives null either way. Str\contains
// special-cases the empty needle and says true.)
use namespace HH\Lib\Str;

function show(?int $p): string {
  return $p === null ? "null" : (string)$p;
}

<<__EntryPoint>>
function main(): void {
  echo show(Str\search("abc", "")), " ", show(Str\search("abc", "", 1)), " ",
    show(Str\search("abc", "", 3)), " ", show(Str\search("abc", "", -1)), " ",
    show(Str\search("", "")), "\n";
  echo Str\contains("abc", "") ? "T" : "F", Str\contains("", "") ? "T" : "F",
    Str\contains("abc", "", 2) ? "T" : "F", "\n";
  // Non-empty needles are unaffected.
  echo show(Str\search("abcabc", "c")), " ", show(Str\search("abcabc", "c", 3)), " ",
    show(Str\search("abcabc", "c", -1)), " ", show(Str\search("abc", "x")), "\n";
  // In a hot loop (compiled tiers): a needle that is sometimes empty.
  $found = 0;
  $nulls = 0;
  $needles = vec["", "b", "", "z", "a"];
  for ($i = 0; $i < 5000; $i++) {
    $p = Str\search("abab", $needles[$i % 5], $i % 3);
    if ($p === null) { $nulls++; } else { $found += $p; }
  }
  echo $found, " ", $nulls, "\n";
}
