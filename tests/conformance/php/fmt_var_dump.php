<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// HH: var_dump calls become hh_var_dump() (HHVM format); the hint names the
// container kind where PHP cannot tell (keysets, empty containers).

final class Pt {
  public function __construct(public int $x, public float $y) {}
}

final class Node {
  public function __construct(public string $name, public array $kids, public ?Node $next, public array $flags) {}
}

function main(): void {
  foreach ([0, -1, PHP_INT_MAX] as $x) hh_var_dump($x);
  foreach ([1.5, 0.1 + 0.2, 1e100, -0.25, 2.0, 1/3] as $x) hh_var_dump($x);
  foreach (["", "a\"b", "tab\there"] as $x) hh_var_dump($x);
  hh_var_dump(true); hh_var_dump(null);
  hh_var_dump([1, 2.5, "three", false, null]);
  echo hh_dump_str_nested_dict();
  echo "keyset(3) {\n  int(5)\n  string(4) \"five\"\n  int(6)\n}\n"; // HH: keyset
  echo "vec(2) {\n  vec(2) {\n    int(1)\n    vec(1) {\n      int(2)\n    }\n  }\n  keyset(1) {\n    string(1) \"z\"\n  }\n}\n"; // HH: nested keyset
  hh_var_dump(new Pt(3, 4.0));
  $n = new Node("root", [1, 2], new Node("leaf", [], null, []), ['open' => true, 'dirty' => false]);
  echo node_dump($n);
  hh_var_dump([new Pt(1, 0.5)]);
  $d = ['a' => 1];
  $d['b'] = 2;
  unset($d['a']);
  hh_var_dump($d, 'dict'); hh_var_dump(count($d));
  foreach ([7 / 7, 7 / 2, intdiv(7, 2), 2 ** 3, 2 ** -1, (float)10, (int)"42abc" === 42] as $x) hh_var_dump($x);
}

// HH: dict containing an empty vec
function hh_dump_str_nested_dict(): string {
  return "dict(3) {\n  [\"one\"]=>\n  int(1)\n  [2]=>\n  string(3) \"two\"\n  [\"nested\"]=>\n  dict(1) {\n    [\"k\"]=>\n    vec(0) {\n    }\n  }\n}\n";
}

// HH: Node's inner node has an empty vec (kids) and an empty dict (flags)
function node_dump(Node $n): string {
  $leaf = "  object(Node) (4) {\n    [\"name\"]=>\n    string(4) \"leaf\"\n    [\"kids\"]=>\n    vec(0) {\n    }\n    [\"next\"]=>\n    NULL\n    [\"flags\"]=>\n    dict(0) {\n    }\n  }\n";
  return "object(Node) (4) {\n  [\"name\"]=>\n  string(4) \"root\"\n  [\"kids\"]=>\n" . hh_dump_str($n->kids, 2)
    . "  [\"next\"]=>\n" . $leaf . "  [\"flags\"]=>\n" . hh_dump_str($n->flags, 2, 'dict') . "}\n";
}

main();
