<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Typed variadic parameters check each extra argument (TypeError), spread included; a return
// value is checked at the return statement, inside the try whose catch handles its TypeError,
// before the finally blocks run (nested try/finally too); hot.
// HH: the variadic parameters are untyped here: HHVM does not check their elements (PHP does).
function f(...$xs): int { return count($xs); }
function g(...$xs): int { return count($xs); }
function h(int $a, ...$rest): string { return $a . ":" . implode(",", $rest); }
function r3(mixed $v): int {
  try { return $v; } catch (TypeError $e) { return -1; }
}
function r4(mixed $v): int {
  try { try { return $v; } finally { echo "in "; } } catch (TypeError $e) { return -2; }
}
function main(): void {
  try { echo f(1, 'x'), "\n"; } catch (TypeError $e) { echo "TE1\n"; }
  try { echo f(...['x']), "\n"; } catch (TypeError $e) { echo "TE3\n"; }
  try { echo g(1), "\n"; } catch (TypeError $e) { echo "TE4\n"; }
  echo f(), " ", f(1, 2, 3), " ", g("a", "b"), " ", h(1, "x", null, "y"), "\n";
  echo r3('x'), " ", r3(5), "\n";
  echo r4('x'), " ", r4(6), "\n";
  $t = 0;
  for ($i = 0; $i < 3000; $i++) { $t += f($i, $i + 1); try { $t += f($i, "s"); } catch (TypeError $e) { $t--; } $t += r3($i % 2 === 0 ? $i : "no"); }
  echo "\n", $t, "\n";
}

main();
