<?hh
// A `num` parameter that is an int for thousands of calls, then a float: compiled code that
// speculated on int deoptimizes and the interpreter finishes the call.

function scale(num $x): num {
  return $x * 3 + 1;
}

<<__EntryPoint>>
function main(): void {
  $s = 0;
  for ($i = 0; $i < 3000; $i++) {
    $s += scale($i);
  }
  echo $s, "\n";
  echo scale(1.5), "\n";
  echo scale(2), "\n";
  var_dump(scale(-0.25));
}
