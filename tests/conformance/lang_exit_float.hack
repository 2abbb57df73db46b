<?hh
// oracle: hand
// exit() with a float prints it and exits with status 0 (HHVM, and PHP before 8.4).
<<__EntryPoint>>
function main(): void {
  echo "before\n";
  exit(1.5);
}
