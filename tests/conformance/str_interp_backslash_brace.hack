<?hh
// A backslash before `{` is no escape and keeps the `{` from starting a `{$...}` interpolation:
// `"\{$x}"` is a backslash, a brace, then `$x` interpolated (double quotes and heredoc).
<<__EntryPoint>>
function main(): void {
  $x = "W"; $n = 3;
  echo "\{$x}", "\n";
  echo "\{$n\}", "\n";
  echo "{$x}\{", "\n";
  echo "a\\{$x}b", "\n";
  echo <<<EOT
h\{$x} {$n}
EOT;
  echo "\n";
}
