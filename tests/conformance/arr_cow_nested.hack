<?hh
// Value semantics and copy-on-write of vec/dict/keyset: copies on
// assignment, parameter passing, return, capture, nested writes two and
// three levels deep (`$d['a'][] = 1`, `$m[1][2] = x`), containers inside
// objects vs objects inside containers.

final class Box {
  public function __construct(public vec<int> $items) {}
}

function add_one(vec<int> $v): vec<int> {
  $v[] = 1;
  return $v;
}

function bump_all(dict<string, vec<int>> $d): dict<string, vec<int>> {
  foreach ($d as $k => $v) {
    $d[$k][] = count($v);
  }
  return $d;
}

function show(mixed $x): string {
  if ($x is vec<_>) {
    return "[" . implode(",", Vec\map($x, $e ==> show($e))) . "]";
  }
  if ($x is dict<_, _>) {
    $parts = vec[];
    foreach ($x as $k => $v) { $parts[] = $k . ":" . show($v); }
    return "{" . implode(",", $parts) . "}";
  }
  return (string)$x;
}

<<__EntryPoint>>
function main(): void {
  $a = vec[1, 2, 3];
  $b = $a;
  $b[] = 4;
  $b[0] = 100;
  echo show($a), " ", show($b), "\n";
  $c = add_one($a);
  echo show($a), " ", show($c), "\n";

  $d = dict['x' => vec[1], 'y' => vec[]];
  $e = $d;
  $e['x'][] = 2;
  $e['y'][] = 9;
  $e['z'] = vec[7];
  echo show($d), " ", show($e), "\n";
  echo show(bump_all($e)), " ", show($e), "\n";

  $m = vec[vec[0, 0, 0], vec[0, 0, 0]];
  $rows = $m;
  $m[1][2] = 5;
  $m[0][0] += 3;
  echo show($m), " ", show($rows), "\n";

  $deep = dict['a' => dict['b' => dict['c' => vec[1]]]];
  $copy = $deep;
  $deep['a']['b']['c'][] = 2;
  $deep['a']['b']['d'] = vec[3];
  echo show($deep), " ", show($copy), "\n";

  $row = $m[1];
  $row[] = 99;
  echo count($m[1]), " ", count($row), "\n";

  $ks = keyset['a', 'b'];
  $ks2 = $ks;
  $ks2[] = 'c';
  echo count($ks), " ", count($ks2), "\n";

  $v = vec[1, 2];
  $f = () ==> count($v);
  $v[] = 3;
  echo $f(), " ", count($v), "\n";

  $box = new Box(vec[1]);
  $alias = $box;
  $alias->items[] = 2;
  $snapshot = $box->items;
  $box->items[] = 3;
  echo show($box->items), " ", show($snapshot), "\n";

  $boxes = vec[new Box(vec[]), new Box(vec[])];
  $boxes2 = $boxes;
  $boxes2[0]->items[] = 42;
  $boxes2[] = new Box(vec[7]);
  echo count($boxes), " ", count($boxes2), " ", show($boxes[0]->items), "\n";

  $loop = vec[1, 2, 3];
  foreach ($loop as $i => $x) {
    $loop[] = $x * 10;
    if ($i > 5) { break; }
  }
  echo show($loop), "\n";
  echo $a === vec[1, 2, 3] ? "a unchanged" : "a changed", ", ", $d == dict['x' => vec[1], 'y' => vec[]] ? "d unchanged" : "d changed", "\n";
}
