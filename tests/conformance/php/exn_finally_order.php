<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Exact ordering of try/catch/finally: nested handlers, finally after
// return (return value computed before finally runs), exceptions thrown from catch and finally, loops with
// break/continue through finally, rethrow through several frames.

function trace(string $s): void { echo $s, "\n"; }

function ret_in_try(): int {
  $x = 1;
  try {
    trace("  try");
    return $x;
  } finally {
    $x = 99;
    trace("  finally (x set to 99 after return value taken)");
  }
}

function thrower(int $depth): void {
  try {
    if ($depth === 0) {
      trace("  throw at depth 0");
      throw new RuntimeException("deep");
    }
    thrower($depth - 1);
  } finally {
    trace("  unwind depth " . $depth);
  }
}

function catch_then_throw(): void {
  try {
    throw new InvalidArgumentException("first");
  } catch (InvalidArgumentException $e) {
    trace("  caught " . $e->getMessage() . ", throwing second");
    throw new LogicException("second", 2, $e);
  } finally {
    trace("  finally of catch_then_throw");
  }
}

function finally_throws(): void {
  try {
    throw new Exception("original");
  } finally {
    trace("  finally replaces the exception");
    throw new Exception("replacement");
  }
}

function main(): void {
  trace("1. return in try");
  trace("  got " . ret_in_try());
  trace("2. unwinding");
  try {
    thrower(3);
  } catch (RuntimeException $e) {
    trace("  main caught " . $e->getMessage());
  } finally {
    trace("  main finally");
  }
  trace("3. throw from catch");
  try {
    catch_then_throw();
  } catch (LogicException $e) {
    trace("  main caught " . $e->getMessage() . " code " . $e->getCode() . " previous " . ($e->getPrevious()?->getMessage() ?? "none"));
  }
  trace("4. throw from finally");
  try {
    finally_throws();
  } catch (Exception|DivisionByZeroError $e) {
    trace("  main caught " . $e->getMessage());
  }
  trace("5. loops");
  for ($i = 0; $i < 4; $i++) {
    try {
      if ($i === 1) { trace("  continue at 1"); continue; }
      if ($i === 3) { trace("  break at 3"); break; }
      trace("  body " . $i);
    } finally {
      trace("  finally " . $i);
    }
  }
  trace("6. nested try in catch and finally");
  try {
    try {
      throw new Exception("inner");
    } catch (Exception|DivisionByZeroError $e) {
      trace("  inner catch");
      try {
        throw new Exception("nested in catch");
      } catch (Exception|DivisionByZeroError $e2) {
        trace("  caught " . $e2->getMessage());
      } finally {
        trace("  nested finally");
      }
      throw $e;
    } finally {
      trace("  outer-inner finally");
    }
  } catch (Exception|DivisionByZeroError $e) {
    trace("  rethrown " . $e->getMessage() . " reached main");
  }
  trace("7. no exception: catch skipped, finally runs");
  try {
    trace("  quiet");
  } catch (Exception|DivisionByZeroError $e) {
    trace("  never");
  } finally {
    trace("  finally");
  }
  trace("done");
}

main();
