<?hh
// oracle: hand (HHVM: invariant is a built-in function of the HH namespace, auto-imported;
// declaring it again is "Cannot redeclare", as for any built-in)

function invariant(bool $c, string $msg): void {
  echo "user invariant\n";
}

<<__EntryPoint>>
function main(): void {
  echo "must not run\n";
  invariant(false, "x");
}
