<?hh
// oracle: hand
// Writing into null, false or an empty string as if it were a container (`$x[] = v`,
// `$x[k] = v`, a nested path through a null element, `$x[k] op= v`, through properties and
// static properties) throws OutOfBoundsException "Promoting <what> to array" in HHVM
// (member-operations.h: SetElemEmptyish/SetNewElemEmptyish/ElemDEmptyish/SetOpElemEmptyish
// call detail::raiseFalseyPromotion -> throwFalseyPromoteException), which a
// `catch (Exception $e)` catches; the container that held the null is left as it was.
class P { public ?vec<int> $p = null; public static mixed $s = null; }

function attempt(string $name, (function(): mixed) $f): void {
  try {
    $f();
    echo $name, ": no exception\n";
  } catch (Exception $e) {
    echo $name, ": ", get_class($e), ": ", $e->getMessage(), "\n";
  }
}

function hot(int $n): int {
  $caught = 0;
  for ($i = 0; $i < $n; $i++) {
    $d = dict['a' => null, 'b' => vec[$i]];
    try {
      $d['a'][] = $i;
    } catch (OutOfBoundsException $e) {
      $caught++;
    }
    $caught += $d['a'] === null ? 0 : 1000;
  }
  return $caught;
}

<<__EntryPoint>>
function main(): void {
  attempt('null append', () ==> { $x = null; $x[] = 1; });
  attempt('null set', () ==> { $x = null; $x['k'] = 1; });
  attempt('null nested', () ==> { $d = dict['a' => null]; $d['a']['b'] = 1; });
  attempt('null setop', () ==> { $d = vec[null]; $d[0][0] += 1; });
  attempt('false append', () ==> { $x = false; $x[] = 1; });
  attempt('empty string append', () ==> { $x = ''; $x[] = 1; });
  attempt('null prop append', () ==> { $o = new P(); $o->p[] = 1; });
  attempt('null static set', () ==> { P::$s['k'] = 1; });
  $o = new P();
  try { $o->p[] = 5; } catch (Exception $e) {}
  echo $o->p === null ? "prop still null" : "prop changed", "\n";
  echo hot(200), "\n";
}
