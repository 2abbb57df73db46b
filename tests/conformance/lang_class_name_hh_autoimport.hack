<?hh
// oracle: hand (hackc's hh_autoimport.rs: InvariantException names HH\InvariantException; X::class is the resolved name)

function check_name(string $label, string $a, string $b): void {
  echo $label, ": ", $a, " | ", $b, " | ", ($a === $b ? "same" : "different"), "\n";
}

<<__EntryPoint>>
function main(): void {
  try {
    invariant(false, "x %d", 1);
  } catch (InvariantException $e) {
    check_name("caught", get_class($e), InvariantException::class);
    check_name("qualified", get_class($e), \HH\InvariantException::class);
    check_name("relative", get_class($e), HH\InvariantException::class);
    echo $e->getMessage(), "\n";
  }
  $e = new InvariantException("made");
  check_name("new", get_class($e), InvariantException::class);
  $names = dict[InvariantException::class => 1, \Exception::class => 2];
  foreach ($names as $k => $v) {
    echo $k, " => ", $v, "\n";
  }
  echo \Exception::class, " ", \TypeError::class, " ", Exception::class, "\n";
}
