<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// An exception thrown by a finally block while another is in flight gets the one in flight at
// the end of its getPrevious() chain (as PHP and HHVM chain them): directly, after a chain it
// already has, not when the finally block catches its own exception, and not when nothing was
// in flight. Hot, so every tier runs the finally handler.
function f(int $i): int {
  try {
    try { throw new Exception("first$i"); }
    finally { throw new RuntimeException("second$i"); }
  } catch (Exception|DivisionByZeroError $e) {
    $p = $e->getPrevious();
    return strlen($e->getMessage()) + (($p === null) ? 0 : strlen($p->getMessage()));
  }
}
function main(): void {
  try {
    try { throw new Exception("first"); }
    finally { throw new Exception("second"); }
  } catch (Exception|DivisionByZeroError $e) {
    echo $e->getMessage(), " prev=", $e->getPrevious()?->getMessage() ?? "null", "\n";
  }
  // The thrown one has a chain already: the pending one goes at its end.
  try {
    try { throw new Exception("inner"); }
    finally { throw new Exception("outer", 0, new Exception("cause")); }
  } catch (Exception|DivisionByZeroError $e) {
    for ($x = $e; $x !== null; $x = $x->getPrevious()) { echo $x->getMessage(), " "; }
    echo "\n";
  }
  // Rethrowing the pending exception itself from finally: no cycle.
  try {
    try { throw new Exception("same"); }
    finally {
      try { throw new Exception("caught inside"); } catch (Exception|DivisionByZeroError $e) { echo "inner catch ", $e->getMessage(), " prev=", $e->getPrevious()?->getMessage() ?? "null", "\n"; }
    }
  } catch (Exception|DivisionByZeroError $e) {
    echo $e->getMessage(), " prev=", $e->getPrevious()?->getMessage() ?? "null", "\n";
  }
  // No exception in flight: nothing chained.
  try {
    try { echo "body\n"; }
    finally { throw new Exception("alone"); }
  } catch (Exception|DivisionByZeroError $e) {
    echo $e->getMessage(), " prev=", $e->getPrevious()?->getMessage() ?? "null", "\n";
  }
  $t = 0;
  for ($i = 0; $i < 3000; $i++) { $t += f($i); }
  echo $t, "\n";
}

main();
