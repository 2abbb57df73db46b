<?hh
// oracle: hand (PHP 8.2 and HHVM: "Cannot redeclare strlen()" before anything runs)

function strlen(string $s): int {
  return 99;
}

<<__EntryPoint>>
function main(): void {
  echo "must not run\n";
  echo strlen("ab"), "\n";
}
