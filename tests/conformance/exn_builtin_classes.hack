<?hh
// Built-in exception classes and their hierarchy: which catch clause wins,
// Exception vs Error (TypeError is not an Exception), DivisionByZeroException
// from / % intdiv, OutOfBoundsException from Hack arrays,
// InvariantException, TypeAssertionException from `as`,
// BadMethodCallException from a method call on null. Messages of
// runtime-generated exceptions are not printed.

final class Widget {
  public function name(): string { return "widget"; }
}

function classify((function(): void) $f): string {
  try {
    $f();
    return "no exception";
  } catch (InvalidArgumentException $e) {
    return "InvalidArgumentException (a LogicException: " . ($e is LogicException ? "yes" : "no") . ")";
  } catch (OutOfBoundsException $e) {
    return "OutOfBoundsException (a RuntimeException: " . ($e is RuntimeException ? "yes" : "no") . ")";
  } catch (DivisionByZeroException $e) {
    return "DivisionByZeroException";
  } catch (InvariantException $e) {
    return "InvariantException: " . $e->getMessage();
  } catch (TypeAssertionException $e) {
    return "TypeAssertionException";
  } catch (BadMethodCallException $e) {
    return "BadMethodCallException";
  } catch (LogicException $e) {
    return get_class($e) . " caught as LogicException";
  } catch (RuntimeException $e) {
    return get_class($e) . " caught as RuntimeException";
  } catch (Exception $e) {
    return get_class($e) . " caught as Exception";
  }
}

function takes_int(int $x): int { return $x; }

<<__EntryPoint>>
function main(): void {
  $zero = 0;
  $d = dict['k' => 1];
  $nobody = null;
  $cases = vec[
    () ==> { echo ""; },
    () ==> { throw new InvalidArgumentException("bad"); },
    () ==> { throw new LogicException("logic"); },
    () ==> { throw new RuntimeException("runtime"); },
    () ==> { throw new Exception("plain"); },
    () ==> { throw new OutOfBoundsException("manual"); },
    () ==> { $x = $d['missing']; },
    () ==> { $x = 1 / $zero; },
    () ==> { $x = 1 % $zero; },
    () ==> { $x = intdiv(1, $zero); },
    () ==> { invariant(1 > 2, "one is not greater than %d", 2); },
    () ==> { $x = ("str" as mixed) as int; },
    () ==> { $w = $nobody as ?Widget; echo $w?->name() ?? "", ""; },
    () ==> { $w = $nobody; $w->name(); },
  ];
  foreach ($cases as $i => $c) {
    echo $i, ": ", classify($c), "\n";
  }
  // TypeError is an Error, not an Exception: it passes through catch (Exception)
  try {
    try {
      takes_int(("five" as mixed));
    } catch (Exception $e) {
      echo "wrongly caught as Exception\n";
    }
  } catch (TypeError $e) {
    echo "TypeError caught separately; is Error: ", $e is Error ? "yes" : "no", ", is Exception: ", $e is Exception ? "yes" : "no", "\n";
  }
  $e = new RuntimeException("msg", 3);
  echo get_class($e), " ", $e->getMessage(), " ", $e->getCode(), " ", $e->getPrevious() === null ? "no previous" : "?", "\n";
  $wrapped = new LogicException("outer", 0, $e);
  echo get_class($wrapped->getPrevious() ?? $wrapped), "\n";
}
