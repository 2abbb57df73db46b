<?hh
// oracle: hand (HHVM's answers; PHP 8.2 agrees on htmlspecialchars and array_reverse, but gives
// an empty array for str_split("")).
// htmlspecialchars of invalid UTF-8 is "" (ENT_IGNORE drops the invalid bytes, ENT_SUBSTITUTE
// replaces them with U+FFFD); str_split("") is one empty chunk; array_reverse renumbers a
// dict's int keys (string keys stay; preserve_keys keeps them all; a keyset stays a keyset).

function show(dict<arraykey, string> $d): string {
  $s = "";
  foreach ($d as $k => $v) {
    $s .= ($k is int ? "#" : "") . $k . "=" . $v . " ";
  }
  return $s;
}

<<__EntryPoint>>
function main(): void {
  echo "[", htmlspecialchars("a\xffb<"), "]\n";
  echo "[", htmlspecialchars("a\xffb<", ENT_COMPAT | ENT_SUBSTITUTE), "]\n";
  echo "[", htmlspecialchars("a\xffb<", ENT_COMPAT | ENT_IGNORE), "]\n";
  echo "[", htmlspecialchars("é<\"'>"), "]\n";
  echo count(str_split("")), " [", str_split("")[0], "] ", count(str_split("abc", 2)), "\n";
  echo show(array_reverse(dict[3 => 'x', 7 => 'y', 'k' => 'z'])), "\n";
  echo show(array_reverse(dict[3 => 'x', 'k' => 'z'], true)), "\n";
  echo implode(",", array_reverse(keyset[1, 2, 3])), " ", implode(",", array_reverse(vec[1, 2, 3])), "\n";
}
