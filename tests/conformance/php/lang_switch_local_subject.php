<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// A switch on a plain local compares each case against the local's current
// value, read after the case expression ran (hackc emit_check_case: for a
// local scrutinee it emits emit_two_exprs(scrutinee, case) + Eq, the same
// operand order as `$x == case`; PHP's ZEND_CASE reads the CV the same way).
// A switch on any other expression evaluates it once.
function by_assign(int $x): string {
  switch ($x) {
    case ($x = 2): return "assign-case x=$x";
    case 2: return "two x=$x";
    default: return "default x=$x";
  }
}
function by_post_inc(int $x): string {
  switch ($x) {
    case $x++: return "first x=$x";
    case 5: return "five x=$x";
    default: return "default x=$x";
  }
}
function by_pre_inc(int $x): string {
  switch ($x) {
    case ++$x: return "A x=$x";
    case ++$x: return "B x=$x";
    default: return "D x=$x";
  }
}
function by_compound(int $x): string {
  $out = "";
  switch ($x) {
    case ($x += 10): $out = "plus10"; break;
    case ($x -= 5): $out = "minus5"; break;
    default: $out = "none";
  }
  return "$out x=$x";
}
function not_a_local(int $x): string {
  switch ($x + 0) {
    case ($x = 2): return "assign-case x=$x";
    case 2: return "two x=$x";
    default: return "default x=$x";
  }
}
function string_subject(string $s): string {
  switch ($s) {
    case ($s = "changed"): return "changed-case";
    case "orig": return "orig";
    default: return "default";
  }
}
function loop_subject(): string {
  $out = "";
  for ($i = 0; $i < 6; $i++) {
    $x = $i;
    switch ($x) {
      case $x++: $out .= "a"; break;
      case 3: $out .= "b"; break;
      default: $out .= "c";
    }
    $out .= $x;
  }
  return $out;
}
function main(): void {
  for ($round = 0; $round < 2; $round++) {
    echo by_assign(1), "\n";
    echo by_assign(2), "\n";
    echo by_post_inc(4), "\n";
    echo by_post_inc(7), "\n";
    echo by_pre_inc(0), "\n";
    echo by_compound(0), "\n";
    echo by_compound(20), "\n";
    echo not_a_local(1), "\n";
    echo string_subject("orig"), "\n";
    echo loop_subject(), "\n";
  }
}

main();
