<?hh
// oracle: hand (PHP 8.2: "Constant PHP_INT_MAX already defined" and the built-in value stays;
// HHVM refuses a redefinition of a system constant; jsvm refuses the program before it runs)

const int PHP_INT_MAX = 5;

<<__EntryPoint>>
function main(): void {
  echo "must not run\n";
  echo PHP_INT_MAX, "\n";
}
