<?hh
// oracle: hand
// A `return` inside a try that has a `finally` saves the value, runs the finally
// block, and only then checks the return type (hackc try_finally_rewriter.rs:
// emit_return jumps to the finally block; the VerifyRetTypeC is emitted in the
// finally epilogue, after the finally body and outside the try/catch region).
// So the TypeError of a bad return value is raised after the finally block ran,
// is not caught by the catch clauses of that same try, and is not chained to an
// exception thrown by the finally block. Without a finally the check happens in
// the try body and the try's own catch does see it.
function no_finally(mixed $x): int {
  try { return $x; } catch (TypeError $e) { echo "no_finally: own catch\n"; return -1; }
}
function catch_and_finally(mixed $x): int {
  try { return $x; }
  catch (TypeError $e) { echo "catch_and_finally: own catch (wrong)\n"; return -2; }
  finally { echo "catch_and_finally: finally\n"; }
}
function only_finally(mixed $x): int {
  try { return $x; } finally { echo "only_finally: finally\n"; }
}
function finally_throws(mixed $x): int {
  try { return $x; } finally { throw new Exception("from finally"); }
}
function in_loop(mixed $x): int {
  foreach (vec[1, 2] as $i) {
    try { return $x; }
    catch (TypeError $e) { echo "in_loop: own catch (wrong) $i\n"; continue; }
    finally { echo "in_loop: finally $i\n"; }
  }
  return 99;
}
function nested(mixed $x): int {
  try {
    try { return $x; } finally { echo "nested: inner finally\n"; }
  } catch (TypeError $e) {
    echo "nested: outer catch\n";
    return 0;
  }
}
function outer_finally(mixed $x): int {
  try {
    try { return $x; } catch (TypeError $e) { echo "outer_finally: inner catch (wrong)\n"; return -3; }
  } finally {
    echo "outer_finally: finally\n";
  }
}
function call(string $name, (function(mixed): int) $f, mixed $x): void {
  try {
    $r = $f($x);
    echo $name, " => ", $r, "\n";
  } catch (TypeError $e) {
    echo $name, " => TypeError reached the caller\n";
  } catch (Exception $e) {
    $p = $e->getPrevious();
    echo $name, " => ", get_class($e), " ", $e->getMessage(), " previous=", $p is null ? "null" : get_class($p), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  for ($round = 0; $round < 2; $round++) {
    echo "-- round $round\n";
    call("no_finally", $x ==> no_finally($x), "s");
    call("catch_and_finally", $x ==> catch_and_finally($x), "s");
    call("catch_and_finally ok", $x ==> catch_and_finally($x), 5);
    call("only_finally", $x ==> only_finally($x), "s");
    call("finally_throws", $x ==> finally_throws($x), "s");
    call("in_loop", $x ==> in_loop($x), "s");
    call("nested", $x ==> nested($x), "s");
    call("outer_finally", $x ==> outer_finally($x), "s");
  }
}
