<?hh
// oracle: hand
// hackc's lexer inside strings (lexer.rs scan_string_literal_in_progress) makes a token only
// of `->` (MinusGreaterThan); `?` is plain text. So a simple interpolation is `$x` or `$x->name`
// (expression_parser.rs parse_string_literal, parse_embedded_expression), never `$x?->name`:
// `"$o?->p"` is `$o` followed by the text `?->p` (PHP 8 differs: it interpolates `$o?->p`).
// `\u{` directly followed by `$` is no escape: the lexer eats `\u` and the `{$...}` is an
// interpolation (scan_unicode_escape), and the text `\u` stays (escaper.rs: `\u` without `{`).
class O { public string $p = "P"; }
<<__EntryPoint>>
function main(): void {
  $n = null;
  $s = "str";
  $o = new O();
  echo "[$n?->p]\n";
  echo "[$s?->p]\n";
  echo "[$o->p?->p]\n";
  echo "[{$o?->p}]\n";
  $x = "41";
  echo "[\u{$x}]\n";
  echo "[\u{41}]\n";
}
