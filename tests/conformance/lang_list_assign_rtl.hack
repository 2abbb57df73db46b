<?hh
// oracle: hand
// list() destructuring assigns its targets right to left (HHVM's default, hackc
// emit_lval_op_list with ltr_assign off: "Lvalues are assigned right-to-left,
// regardless of the nesting structure"), after evaluating the targets' own
// subexpressions left to right before the right-hand side. Observable through a
// missing element (the last one is read first), a repeated target, the insertion
// order of dict keys and vec appends, and calls inside target keys.
function t(string $s, mixed $v): mixed { echo $s, " "; return $v; }

function destructure(vec<mixed> $v): string {
  $a = 'unset';
  $b = 'unset';
  try {
    list($a, $b) = $v;
    return "ok a=$a b=$b";
  } catch (OutOfBoundsException $e) {
    return $e->getMessage() . " a=$a b=$b";
  }
}

<<__EntryPoint>>
function main(): void {
  // The HHVM test zend/good/tests/lang/engine_assignExecutionOrder_002 expects index 1 here.
  echo destructure(vec[]), "\n";
  echo destructure(vec[10]), "\n";
  echo destructure(vec[10, 20]), "\n";
  // a repeated target keeps the leftmost value
  list($x, $x) = vec[1, 2];
  echo "x=$x\n";
  list($y, list($y, $y)) = vec['outer', vec['in0', 'in1']];
  echo "y=$y\n";
  // dict keys are inserted right to left
  $d = dict[];
  list($d['first'], $d['second'], $d['third']) = vec[1, 2, 3];
  echo json_encode($d), "\n";
  // appends happen right to left
  $v = vec[];
  list($v[], $v[], $v[]) = vec['a', 'b', 'c'];
  echo json_encode($v), "\n";
  // nested: innermost-last element first, regardless of nesting
  $n = vec[];
  list($n[], list($n[], $n[]), $n[]) = vec[1, vec[2, 3], 4];
  echo json_encode($n), "\n";
  // a nested list missing its last element fails before anything is assigned
  $p = 'unset';
  $q = 'unset';
  try {
    list($p, list($q, $r)) = vec[1, vec[2]];
    echo "no error\n";
  } catch (OutOfBoundsException $e) {
    echo $e->getMessage(), " p=$p q=$q\n";
  }
  // calls in target keys run before the right-hand side, left to right
  $k = dict[];
  list($k[t("k1", "a")], $k[t("k2", "b")]) = t("rhs", vec[1, 2]);
  echo json_encode($k), "\n";
  // foreach with list(): same order
  $f = dict[];
  foreach (vec[vec['p', 'q']] as list($f['one'], $f['two'])) {}
  echo json_encode($f), "\n";
  try {
    foreach (vec[vec[7]] as list($g, $h)) { echo "body\n"; }
  } catch (OutOfBoundsException $e) {
    echo "foreach: ", $e->getMessage(), "\n";
  }
  // in a loop (compiled tiers)
  $acc = vec[];
  for ($i = 0; $i < 3; $i++) {
    list($acc[], $acc[]) = vec[$i, -$i];
  }
  echo json_encode($acc), "\n";
}
