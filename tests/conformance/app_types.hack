<?hh
// oracle: hand
// A validation/serialization layer that leans on runtime type enforcement: typed properties,
// parameters and returns, nullable and num/arraykey, `is`/`as`/`?as`, TypeError and
// TypeAssertionException caught inside hot loops, container equality semantics.

final class Point {
  public function __construct(public num $x = 0, public num $y = 0) {}
  public function len(): float { return sqrt((float)($this->x * $this->x + $this->y * $this->y)); }
}

final class Record {
  public int $count = 0;
  public float $ratio = 0.0;
  public ?string $label = null;
  public arraykey $key = 0;
  public vec<int> $vals = vec[];
  public ?Point $pt = null;
}

function describe(mixed $v): string {
  if ($v === null) return 'null';
  if ($v is int) return "int($v)";
  if ($v is float) return 'float(' . (string)$v . ')';
  if ($v is string) return "string($v)";
  if ($v is bool) return $v ? 'true' : 'false';
  if ($v is vec<_>) return 'vec[' . implode(',', Vec\map($v, $x ==> describe($x))) . ']';
  if ($v is dict<_, _>) return 'dict{' . implode(',', Vec\map(Vec\keys($v), $k ==> describe($k) . '=>' . describe($v[$k]))) . '}';
  if ($v is keyset<_>) return 'keyset{' . implode(',', $v) . '}';
  if ($v is Point) return "Point({$v->x},{$v->y})";
  return 'object';
}

function setField(Record $r, string $f, mixed $v): string {
  try {
    switch ($f) {
      case 'count': $r->count = $v as int; break;
      case 'ratio': $r->ratio = $v as float; break;
      case 'label': $r->label = $v ?as string; break;
      case 'key': $r->key = $v as arraykey; break;
      case 'vals': $r->vals = $v as vec<_>; break;
      case 'pt': $r->pt = $v as ?Point; break;
      default: return "no field $f";
    }
    return 'ok';
  } catch (TypeAssertionException $e) {
    return 'assert-fail';
  }
}

function typed(int $i, float $f, ?string $s = null, num $n = 0, arraykey $k = 'k'): string {
  return "i=$i f=$f s=" . ($s ?? 'null') . " n=$n k=$k";
}

function returnsInt(mixed $x): int { return $x; }
function returnsNullableVec(mixed $x): ?vec<int> { return $x; }

<<__EntryPoint>>
function main(): void {
  $r = new Record();
  $inputs = vec[
    vec['count', 5], vec['count', '5'], vec['count', 5.0], vec['ratio', 0.5], vec['ratio', 1],
    vec['label', 'hi'], vec['label', 42], vec['key', 'abc'], vec['key', 7], vec['key', 7.5],
    vec['vals', vec[1, 2]], vec['vals', dict[0 => 1]], vec['pt', new Point(3, 4)], vec['pt', null], vec['pt', 'p'],
    vec['nope', 1],
  ];
  for ($round = 0; $round < 3; $round++) {
    $res = vec[];
    foreach ($inputs as list($f, $v)) $res[] = "$f:" . setField($r, $f, $v);
    if ($round === 0) echo implode(' ', $res), "\n";
  }
  echo "record: count=", $r->count, " ratio=", $r->ratio, " label=", $r->label ?? 'null', " key=", describe($r->key), " vals=", describe($r->vals), " pt=", describe($r->pt), "\n";

  $calls = vec[
    () ==> typed(1, 2.5),
    () ==> typed(1, 2.5, 'x', 3.5, 9),
    () ==> typed(1, 2),
    () ==> typed(1.0, 2.5),
    () ==> typed(1, 2.5, null, 7),
    () ==> returnsInt(5),
    () ==> returnsInt('5'),
    () ==> returnsInt(null),
    () ==> describe(returnsNullableVec(null)),
    () ==> describe(returnsNullableVec(vec[1])),
    () ==> describe(returnsNullableVec(keyset[1])),
    () ==> (new Point(1, 2.5))->len(),
    () ==> new Point('1', 2),
  ];
  $errs = 0;
  for ($round = 0; $round < 4; $round++) {
    foreach ($calls as $i => $c) {
      try {
        $v = $c();
        if ($round === 3) echo "  call $i: ", $v is string ? $v : describe($v), "\n";
      } catch (TypeError $e) {
        $errs++;
        if ($round === 3) echo "  call $i: TypeError\n";
      }
    }
  }
  echo "type errors: $errs\n";

  // typed property writes, compound assignment included
  $r2 = new Record();
  $ops = vec[
    () ==> { $r2->count += 1; return 'count+=1'; },
    () ==> { $r2->count++; return 'count++'; },
    () ==> { $r2->ratio += 1.5; return 'ratio+=1.5'; },
    () ==> { $r2->label .= 'x'; return 'label.=x'; },
    () ==> { $r2->vals[] = 3; return 'vals[]=3'; },
    () ==> { $r2->key = 'z'; $r2->key .= 'z'; return 'key.=z'; },
  ];
  foreach ($ops as $i => $op) {
    try { echo "  op $i: ", $op(), "\n"; } catch (TypeError $e) { echo "  op $i: TypeError\n"; }
  }
  echo "r2: count=", $r2->count, " ratio=", $r2->ratio, " label=", $r2->label ?? 'null', " vals=", describe($r2->vals), " key=", describe($r2->key), "\n";

  // container equality semantics
  $pairs = vec[
    vec[vec[1, 2], vec[1, 2]], vec[vec[1, 2], vec[2, 1]], vec[vec[1, 2], vec[1.0, 2.0]],
    vec[dict['a' => 1, 'b' => 2], dict['b' => 2, 'a' => 1]], vec[keyset[1, 2], keyset[2, 1]],
    vec[vec[1], dict[0 => 1]], vec[vec['1'], vec[1]], vec[new Point(1, 2), new Point(1, 2)],
    vec[new Point(1, 2), new Point(1.0, 2)], vec[vec[], dict[]], vec[vec[null], vec[false]],
    vec[dict[1 => 'a'], dict['1' => 'a']],
  ];
  foreach ($pairs as $i => list($a, $b)) {
    echo "  eq $i: ", describe($a), ' vs ', describe($b), ' == ', ($a == $b) ? 'T' : 'F', ' === ', ($a === $b) ? 'T' : 'F', "\n";
  }
  $p = new Point(5, 5);
  $q = $p;
  $q->x = 6;
  echo "alias: ", $p->x, " ", $p === $q ? 'same' : 'diff', "\n";
}
