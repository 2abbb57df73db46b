<?hh
// Truthiness of every scalar kind in if/while/ternary/!/&&/||/?:, short-circuit
// evaluation order with side effects, and bool results of logical operators.

function truthy(mixed $v): string {
  return $v ? "T" : "F";
}

function trace(string $label, bool $result): bool {
  echo $label;
  return $result;
}

function first_nonempty(string $a, string $b, string $c): string {
  return $a ?: ($b ?: ($c ?: "(all empty)"));
}

<<__EntryPoint>>
function main(): void {
  echo "ints: ", truthy(0), truthy(1), truthy(-1), truthy(PHP_INT_MIN), "\n";
  echo "floats: ", truthy(0.0), truthy(-0.0), truthy(0.1), truthy(NAN), truthy(INF), truthy(1e-300), "\n";
  echo "strings: ", truthy(""), truthy("0"), truthy("00"), truthy("0.0"), truthy(" "), truthy("a"), truthy("false"), "\n";
  echo "other: ", truthy(null), truthy(true), truthy(false), "\n";
  echo "not: ", !0 ? "T" : "F", !"" ? "T" : "F", !"0" ? "T" : "F", !"x" ? "T" : "F", !null ? "T" : "F", !!5 ? "T" : "F", "\n";
  // && and || short-circuit and always give bools
  $r1 = trace("a", false) && trace("b", true);
  echo " => ", $r1 ? "true" : "false", "\n";
  $r2 = trace("a", true) && trace("b", true);
  echo " => ", $r2 ? "true" : "false", "\n";
  $r3 = trace("a", true) || trace("b", false);
  echo " => ", $r3 ? "true" : "false", "\n";
  $r4 = trace("a", false) || trace("b", false) || trace("c", true);
  echo " => ", $r4 ? "true" : "false", "\n";
  $r5 = trace("a", true) && (trace("b", false) || trace("c", true)) && !trace("d", false);
  echo " => ", $r5 ? "true" : "false", "\n";
  $mix = 5 && "0";
  echo "5 && \"0\": ", $mix === false ? "false" : "true", "; 0 || 2.5: ", (0 || 2.5) === true ? "true" : "?", "\n";
  echo "bool concat: [", true, "] [", false, "] [", (1 < 2), "] [", (1 > 2), "]\n";
  // ?: picks the first truthy operand, evaluating each once
  echo first_nonempty("", "0", "c"), " ", first_nonempty("a", "b", "c"), " ", first_nonempty("", "", ""), " ", first_nonempty("0", "", "z"), "\n";
  echo 0 ?: "zero-replaced", " ", 7 ?: "unused", " ", "" ?: "empty-replaced", " ", 0.0 ?: "float-zero-replaced", "\n";
  // while loop on a truthy string that shrinks
  $s = "abc0";
  $steps = "";
  while ($s) {
    $steps .= "[".$s."]";
    $s = substr($s, 1);
  }
  echo $steps, " stopped at '", $s, "'\n";
  $n = 3;
  $out = "";
  while ($n) {
    $out .= $n;
    $n--;
  }
  echo "countdown ", $out, "\n";
  // ternaries, nested with parentheses
  for ($i = -1; $i <= 2; $i++) {
    echo $i, " is ", $i < 0 ? "negative" : ($i === 0 ? "zero" : ($i === 1 ? "one" : "many")), "; ";
  }
  echo "\n";
  $count = 0;
  if ($count) {
    echo "nonzero\n";
  } elseif ("0.0") {
    echo "string 0.0 is truthy\n";
  } else {
    echo "unreachable\n";
  }
  $flag = false;
  $flag = $flag || (1 === 1);
  echo "flag: ", $flag ? "set" : "unset", " xor-ish: ", (true !== false) ? "differ" : "same", "\n";
}
