<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Built-in exception classes and their hierarchy: which catch clause wins,
// Exception vs Error (TypeError is not an Exception), DivisionByZeroException
// from / % intdiv, OutOfBoundsException from Hack arrays,
// InvariantException, TypeAssertionException from `as`,
// BadMethodCallException from a method call on null. Messages of
// runtime-generated exceptions are not printed.

final class Widget {
  public function name(): string { return "widget"; }
}

function classify(\Closure $f): string {
  try {
    $f();
    return "no exception";
  } catch (InvalidArgumentException $e) {
    return "InvalidArgumentException (a LogicException: " . (($e instanceof LogicException) ? "yes" : "no") . ")";
  } catch (OutOfBoundsException $e) {
    return "OutOfBoundsException (a RuntimeException: " . (($e instanceof RuntimeException) ? "yes" : "no") . ")";
  } catch (DivisionByZeroError $e) {
    return "DivisionByZeroException";
  } catch (InvariantException $e) {
    return "InvariantException: " . $e->getMessage();
  } catch (TypeAssertionException $e) {
    return "TypeAssertionException";
  } catch (BadMethodCallException $e) {
    return "BadMethodCallException";
  } catch (LogicException $e) {
    return hh_get_class($e) . " caught as LogicException";
  } catch (RuntimeException $e) {
    return hh_get_class($e) . " caught as RuntimeException";
  } catch (Exception|DivisionByZeroError $e) {
    return hh_get_class($e) . " caught as Exception";
  }
}

function takes_int(int $x): int { return $x; }

function main(): void {
  $zero = 0;
  $d = ['k' => 1];
  $nobody = null;
  $cases = [
    function() { echo ""; },
    function() { throw new InvalidArgumentException("bad"); },
    function() { throw new LogicException("logic"); },
    function() { throw new RuntimeException("runtime"); },
    function() { throw new Exception("plain"); },
    function() { throw new OutOfBoundsException("manual"); },
    function() use ($d) { $x = hh_at($d, 'missing'); }, // HH: missing key throws
    function() use ($zero) { $x = 1 / $zero; },
    function() use ($zero) { $x = 1 % $zero; },
    function() use ($zero) { $x = intdiv(1, $zero); },
    function() { invariant(1 > 2, "one is not greater than %d", 2); },
    function() { throw new TypeAssertionException(); }, // HH: ("str" as mixed) as int fails
    function() use ($nobody) { $w = $nobody; echo $w?->name() ?? "", ""; },
    function() use ($nobody) { throw new BadMethodCallException(); }, // HH: method call on null
  ];
  foreach ($cases as $i => $c) {
    echo $i, ": ", classify($c), "\n";
  }
  // TypeError is an Error, not an Exception: it passes through catch (Exception)
  try {
    try {
      takes_int(("five"));
    } catch (Exception|DivisionByZeroError $e) {
      echo "wrongly caught as Exception\n";
    }
  } catch (TypeError $e) {
    echo "TypeError caught separately; is Error: ", ($e instanceof Error) ? "yes" : "no", ", is Exception: ", ($e instanceof Exception) ? "yes" : "no", "\n";
  }
  $e = new RuntimeException("msg", 3);
  echo hh_get_class($e), " ", $e->getMessage(), " ", $e->getCode(), " ", $e->getPrevious() === null ? "no previous" : "?", "\n";
  $wrapped = new LogicException("outer", 0, $e);
  echo hh_get_class($wrapped->getPrevious() ?? $wrapped), "\n";
}

main();
