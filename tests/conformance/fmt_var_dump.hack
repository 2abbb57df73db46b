<?hh
// var_dump in HHVM's format: scalars, floats (shortest round-trip form),
// vec/keyset without index lines, dict with [key]=> lines, nesting,
// objects with public properties (object(C) (N)), several arguments.

final class Pt {
  public function __construct(public int $x, public float $y) {}
}

final class Node {
  public function __construct(public string $name, public vec<int> $kids, public ?Node $next, public dict<string, bool> $flags) {}
}

<<__EntryPoint>>
function main(): void {
  var_dump(0, -1, PHP_INT_MAX);
  var_dump(1.5, 0.1 + 0.2, 1e100, -0.25, 2.0, 1/3);
  var_dump("", "a\"b", "tab\there");
  var_dump(true, null);
  var_dump(vec[1, 2.5, "three", false, null]);
  var_dump(dict['one' => 1, 2 => 'two', 'nested' => dict['k' => vec[]]]);
  var_dump(keyset[5, 'five', 6]);
  var_dump(vec[vec[1, vec[2]], keyset['z']]);
  var_dump(new Pt(3, 4.0));
  $n = new Node("root", vec[1, 2], new Node("leaf", vec[], null, dict[]), dict['open' => true, 'dirty' => false]);
  var_dump($n);
  var_dump(vec[new Pt(1, 0.5)]);
  $d = dict['a' => 1];
  $d['b'] = 2;
  unset($d['a']);
  var_dump($d, count($d));
  var_dump(7 / 7, 7 / 2, intdiv(7, 2), 2 ** 3, 2 ** -1, (float)10, (int)"42abc" === 42);
}
