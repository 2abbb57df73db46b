<?hh
// oracle: hand
// HHVM's (hackc's) lexer ends a heredoc/nowdoc only at a line that starts with the
// label in column 0 followed by a newline, or by ";" and a newline
// (Lexer::scan_docstring_remainder in hphp/hack/src/parser/lexer.rs). HHVM has no
// PHP 7.3 "flexible" heredoc (facebook/hhvm issue #8497, open): an indented label, or
// the label followed by other text, is body text and no indentation is removed.
<<__EntryPoint>>
function main(): void {
  $page = <<<HTML
<p>
  HTML is text here
  HTML
HTML5 and HTMLX too
HTML ;
</p>
HTML;
  echo "[", $page, "]\n";
  $sql = <<<'SQL'
    SELECT 1;
    SQL
SQL;
  echo "[", $sql, "]\n";
  $n = 3;
  echo strtoupper(<<<EOT
  EOT $n
EOT
  ), "\n";
}
