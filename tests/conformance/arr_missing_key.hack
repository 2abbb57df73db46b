<?hh
// OutOfBoundsException on reading a missing dict key or vec index (caught as
// OutOfBoundsException, RuntimeException and Exception), including nested
// reads, reads in compound assignments, and writes past the end of a vec;
// state is unchanged after a failed operation. Messages are not printed.

function get(dict<string, int> $d, string $k): int {
  return $d[$k];
}

function attempt(string $label, (function(): mixed) $f): void {
  try {
    $r = $f();
    echo $label, ": ok ", $r is null ? "null" : $r, "\n";
  } catch (OutOfBoundsException $e) {
    echo $label, ": OutOfBoundsException\n";
  }
}

<<__EntryPoint>>
function main(): void {
  $d = dict['a' => 1, 'b' => 2];
  $v = vec[10, 20, 30];
  $nested = dict['x' => vec[1, 2], 'y' => vec[]];
  attempt("dict hit", () ==> $d['a']);
  attempt("dict miss", () ==> $d['c']);
  attempt("dict miss in function", () ==> get($d, 'zz'));
  attempt("vec hit", () ==> $v[2]);
  attempt("vec past end", () ==> $v[3]);
  attempt("vec negative", () ==> $v[-1]);
  attempt("nested hit", () ==> $nested['x'][1]);
  attempt("nested inner miss", () ==> $nested['x'][2]);
  attempt("nested outer miss", () ==> $nested['q'][0]);
  attempt("empty vec", () ==> $nested['y'][0]);
  attempt("coalesce", () ==> $nested['q'][0] ?? -1);
  attempt("int key hit", () ==> dict[1 => 'one'][1]);
  attempt("string '1' is not int 1", () ==> dict[1 => 'one']['1']);
  attempt("key case matters", () ==> dict['k' => 'v']['K']);

  try {
    $d['c'] += 1;
    echo "compound on missing: no exception\n";
  } catch (OutOfBoundsException $e) {
    echo "compound on missing: OutOfBoundsException, count still ", count($d), "\n";
  }
  try {
    $v[3] = 40;
  } catch (OutOfBoundsException $e) {
    echo "vec write past end: OutOfBoundsException, count still ", count($v), "\n";
  }
  $v[2] = 33; // overwriting an existing index is fine
  $v[] = 40;  // appending is fine
  echo implode(",", $v), "\n";
  try {
    $x = $d['nope'];
    echo "unreachable ", $x, "\n";
  } catch (RuntimeException $e) {
    echo "caught as RuntimeException: ", $e is OutOfBoundsException ? "yes" : "no", "\n";
  }
  try {
    echo $v[100], "\n";
  } catch (Exception $e) {
    echo "caught as Exception: ", get_class($e), "\n";
  }
  $total = 0;
  foreach (vec['a', 'b', 'c', 'a'] as $k) {
    try {
      $total += $d[$k];
    } catch (OutOfBoundsException $e) {
      $total += 1000;
    } finally {
      $total += 1;
    }
  }
  echo "total ", $total, "\n";
}
