<?hh
// json_encode of strings with JSON_HEX_TAG (1), JSON_HEX_AMP (2), JSON_HEX_APOS (4),
// JSON_HEX_QUOT (8), alone and combined with JSON_UNESCAPED_SLASHES (64) and
// JSON_UNESCAPED_UNICODE (256): HHVM's appendJsonEscape and PHP write <, >, &, ', " as
// \u003C, \u003E, \u0026, \u0027, \u0022 under these flags.
<<__EntryPoint>>
function main(): void {
  $cases = vec["<a href='x'>&amp;\"q\"</a>", "plain", "</script>", "\u{e9}&\u{e9}", "\\\"'"];
  $flags = vec[0, 1, 2, 4, 8, 3, 12, 15, 15 | 64, 15 | 256, 15 | 64 | 256];
  foreach ($cases as $s) {
    foreach ($flags as $f) {
      $r = json_encode($s, $f);
      echo $f, ": ", $r === false ? "FALSE" : $r, "\n";
    }
  }
  // The same flags in a hot loop (compiled call sites).
  $total = 0;
  for ($i = 0; $i < 3000; $i++) {
    $total += strlen(json_encode("<&'\">", $i % 16));
  }
  echo $total, "\n";
}
