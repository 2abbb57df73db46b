<?hh
// Double-quoted escapes that PHP's and HHVM's lexers share: `\X` (capital) is a hex escape
// like `\x` (escaper.rs unescape_literal: `b'x' | b'X'`), `\u{...}` encodes any code point up
// to 0x10FFFF, surrogates included (codepoint_to_utf8 has no surrogate check), and a simple
// interpolation's index may be a hex/binary/leading-zero literal, which is the string key
// (lowerer p_expr_lit: literals InDoubleQuotedString are strings).
function hx(string $s): string {
  $out = "";
  for ($i = 0; $i < strlen($s); $i++) {
    $out .= str_pad(dechex(ord($s[$i])), 2, "0", STR_PAD_LEFT);
  }
  return $out;
}
<<__EntryPoint>>
function main(): void {
  echo "\X41\X4a\X7e|\X4|\Xg", "\n";
  echo hx("\X41\x41"), "\n";
  echo hx("\u{D800}"), " ", hx("\u{DFFF}"), " ", strlen("\u{D83D}\u{DE00}"), "\n";
  echo hx("\u{10FFFF}"), " ", hx("\u{0}"), "\n";
  $a = dict["0x1A" => "hex", "0b1" => "bin", "007" => "oct", 26 => "int", 1 => "one", 7 => "seven"];
  echo "$a[0x1A] $a[0b1] $a[007] $a[26] $a[1]\n";
  echo <<<EOT
h: $a[0x1A] \X42
EOT;
  echo "\n";
}
