<?hh
// oracle: hand (PHP 8.2 prints the same objects, *RECURSION* markers and == results; only
// its array format and object ids differ from HHVM's var_dump, checked line by line).
// Objects that reach themselves: var_dump prints *RECURSION* where a dump would re-enter an
// object it is inside (directly, or through a vec or dict property), and still dumps an object
// met twice without a cycle in full. Comparing two distinct objects with == walks their
// properties; a shared, acyclic object is fine. (== on cyclic objects is a fatal error:
// oo_eq_cycle_fatal.)

class Node {
  public ?Node $next = null;
  public vec<mixed> $kids = vec[];
  public dict<string, mixed> $meta = dict[];
  public function __construct(public string $name) {}
}

<<__EntryPoint>>
function main(): void {
  $a = new Node("a");
  $a->next = $a;
  var_dump($a);
  $b = new Node("b");
  $c = new Node("c");
  $b->next = $c;
  $c->next = $b;
  $c->kids = vec[$b, $c, 1];
  var_dump($b);
  $d = new Node("d");
  $d->meta = dict["self" => $d, "leaf" => new Node("leaf")];
  var_dump(vec[$d, $d]);
  $shared = new Node("shared");
  $e = new Node("e");
  $e->next = $shared;
  $e->kids = vec[$shared];
  var_dump($e);
  $x = new Node("x");
  $x->next = $shared;
  $y = new Node("x");
  $y->next = $shared;
  var_dump($x == $y, $x == $e, $a == $a);
  $hits = 0;
  for ($i = 0; $i < 3000; $i++) {
    if ($x == $y) {
      $hits++;
    }
  }
  echo $hits, "\n";
}
