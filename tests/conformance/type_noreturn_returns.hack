<?hh
// oracle: hand (HHVM's test hphp/test/slow/lang/hh_return_type_noreturn.php: a `noreturn` function that
// returns, implicitly or with `return;`, throws TypeError "... must be of type noreturn, null given";
// type-constraint.cpp checkImpl: no value passes a noreturn constraint)
function nr_implicit(): noreturn {}
function nr_bare(): noreturn { return; }
function nr_maybe(bool $b): noreturn {
  if ($b) { throw new Exception("thrown"); }
}
class K {
  public function nr(): noreturn {}
  public static function snr(int $i): noreturn {
    if ($i % 2 === 0) { throw new LogicException("even ".$i); }
  }
}
function check((function(): mixed) $f, string $label): void {
  try {
    $f();
    echo $label, ": returned\n";
  } catch (TypeError $e) {
    $m = $e->getMessage();
    echo $label, ": TypeError ", Str\ends_with($m, "must be of type noreturn, null given") ? "(noreturn, null given)" : $m, "\n";
  } catch (Exception $e) {
    echo $label, ": ", get_class($e), " ", $e->getMessage(), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  check(() ==> nr_implicit(), "implicit");
  check(() ==> nr_bare(), "bare return");
  check(() ==> nr_maybe(true), "maybe(true)");
  check(() ==> nr_maybe(false), "maybe(false)");
  check(() ==> (new K())->nr(), "method");
  check(() ==> K::snr(2), "static 2");
  check(() ==> K::snr(3), "static 3");
  $te = 0; $lx = 0;
  for ($i = 0; $i < 1000; $i++) {
    try { K::snr($i); } catch (TypeError $e) { $te++; } catch (LogicException $e) { $lx++; }
  }
  echo $te, " ", $lx, "\n";
}
