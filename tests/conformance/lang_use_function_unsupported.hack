<?hh
// oracle: hand (HHVM: `bar` names Foo\bar after `use function Foo\bar;`; jsvm has no namespaces, so the program must be refused, not run with the global bar)
use function Foo\bar;

function bar(): int {
  return 1;
}

<<__EntryPoint>>
function main(): void {
  echo "must not run\n";
  echo bar(), "\n";
}
