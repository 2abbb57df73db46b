<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// throw of a value that is not a Throwable object throws Error instead (Can only throw objects;
// Cannot throw objects that do not implement Throwable), catchable inside the try that throws
// it; a Throwable rethrown works; hot; the program ends with an uncaught one.
class A {}
class MyE extends Exception {}
function pick(int $i): mixed { return $i === 0 ? 5 : ($i === 1 ? null : ($i === 2 ? new A() : new MyE("mine"))); }
function main(): void {
  for ($i = 0; $i < 4; $i++) {
    try { throw pick($i); } catch (Error $e) { echo "Error: ", $e->getMessage(), "\n"; } catch (Exception|DivisionByZeroError $e) { echo hh_get_class($e), ": ", $e->getMessage(), "\n"; }
  }
  $e = new MyE("rethrown");
  try { throw $e; } catch (MyE $x) { echo $x->getMessage(), "\n"; }
  $n = 0;
  for ($i = 0; $i < 3000; $i++) { try { throw pick($i % 4); } catch (Throwable $t) { $n++; } }
  echo $n, "\n";
  throw 7;
}

main();
