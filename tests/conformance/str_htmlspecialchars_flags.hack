<?hh
// htmlspecialchars with explicit flags: quotes by ENT_COMPAT / ENT_QUOTES / ENT_NOQUOTES,
// double_encode off keeping entities, and invalid UTF-8 (empty by default, dropped by
// ENT_IGNORE, U+FFFD by ENT_SUBSTITUTE) also when nothing else needs escaping; strings with
// nothing to escape come back unchanged, many times over (compiled code calls it too).

function hex(string $s): string {
  $o = "";
  for ($i = 0; $i < strlen($s); $i++) { $o .= dechex(ord($s[$i])) . " "; }
  return $o;
}

<<__EntryPoint>>
function main(): void {
  $inputs = vec[
    "plain text", "", "a & b", "<b>\"q\" 'a'</b>", "&amp; &lt; &#039; &bogus; &",
    "tail <", "> head", "caf\u{e9} <\u{2603}>", "a\xFFb", "\xC3", "ok\xE2\x82<",
  ];
  $flags = vec[ENT_COMPAT, ENT_QUOTES, ENT_NOQUOTES, ENT_QUOTES | ENT_IGNORE,
    ENT_COMPAT | ENT_SUBSTITUTE, ENT_NOQUOTES | ENT_SUBSTITUTE];
  foreach ($inputs as $s) {
    foreach ($flags as $f) {
      echo $f, ": ", hex(htmlspecialchars($s, $f)), "| ", hex(htmlspecialchars($s, $f, "UTF-8", false)), "\n";
    }
  }
  $n = 0;
  for ($i = 0; $i < 3000; $i++) {
    $n += strlen(htmlspecialchars("row " . $i . ($i % 3 === 0 ? " <x>" : "") . ($i % 5 === 0 ? "\xFF" : ""), ENT_QUOTES | ENT_SUBSTITUTE));
  }
  echo $n, "\n";
}
