<?hh
// oracle: hand
// Config resolution and tree walking: default params evaluated at call time, recursion,
// list() destructuring (nested), |> with $$, ?-> and ?? chains, ??=, dict key edge cases.

final class Node {
  public ?Node $parent = null;
  public vec<Node> $kids = vec[];
  public ?dict<string, mixed> $attrs = null;
  public function __construct(public string $name, public int $weight = 1) {}
  public function add(Node $k): Node { $k->parent = $this; $this->kids[] = $k; return $k; }
  public function first(): ?Node { return C\first($this->kids); }
  public function attr(string $k): mixed { return $this->attrs[$k] ?? null; }
  public function path(): string { return ($this->parent?->path() ?? '') . '/' . $this->name; }
}

final class Clock {
  public static int $t = 0;
  public static function tick(): int { return ++self::$t; }
}

function stamp(string $label, int $at = Clock::tick(), vec<string> $tags = vec[]): string {
  $tags[] = "t$at";
  return $label . '@' . implode('+', $tags);
}

function walk(Node $n, int $depth = 0, string $prefix = str_repeat('-', $depth), ?vec<string> $acc = null): vec<string> {
  $acc ??= vec[];
  $acc[] = $prefix . $n->name . '(' . $n->weight . ')';
  foreach ($n->kids as $k) {
    $acc = walk($k, $depth + 1, str_repeat('-', $depth + 1), $acc);
  }
  return $acc;
}

function total(Node $n, (function(Node): int) $f = ($x ==> $x->weight)): int {
  $s = $f($n);
  foreach ($n->kids as $k) $s += total($k, $f);
  return $s;
}

function minmax(vec<int> $v): vec<mixed> {
  if (C\is_empty($v)) return vec[null, null, vec[]];
  $lo = $v[0]; $hi = $v[0];
  foreach ($v as $x) { if ($x < $lo) $lo = $x; if ($x > $hi) $hi = $x; }
  return vec[$lo, $hi, vec[count($v), array_sum($v)]];
}

function parseKv(string $line): dict<arraykey, string> {
  $out = dict[];
  foreach (explode(';', $line) as $pair) {
    if ($pair === '') continue;
    list($k, $v) = explode('=', $pair . '=');
    $key = is_numeric($k) && (string)(int)$k === $k ? (int)$k : $k;
    $out[$key] = $v;
  }
  return $out;
}

<<__EntryPoint>>
function main(): void {
  echo stamp('a'), ' ', stamp('b'), ' ', stamp('c', 100), ' ', stamp('d', Clock::$t * 10, vec['x']), "\n";
  echo "clock=", Clock::$t, "\n";

  $root = new Node('root', 0);
  $a = $root->add(new Node('a', 3));
  $b = $root->add(new Node('b'));
  $a1 = $a->add(new Node('a1', 5));
  $a->add(new Node('a2', 7))->add(new Node('a2x', 11));
  $b->attrs = dict['color' => 'red', 'size' => null, 'n' => 0];
  echo implode("\n", walk($root)), "\n";
  echo "total=", total($root), " count=", total($root, $_ ==> 1), " sq=", total($root, $n ==> $n->weight * $n->weight), "\n";
  echo "paths: ", $a1->path(), " ", $root->first()?->first()?->path(), "\n";
  $leaf = $a1->first();
  echo "null-safe: [", $leaf?->name, "] [", $leaf?->first()?->name ?? 'none', "] [", $a1->first()?->path() ?? 'no path', "]\n";
  echo "attrs: ", $b->attr('color'), " size=", $b->attr('size') ?? 'null', " n=", $b->attr('n') ?? 'null', " missing=", $a->attr('x') ?? 'default', "\n";
  echo "chain: ", $b->attrs['color'] ?? 'c?', ' ', $a->attrs['color'] ?? 'c?', ' ', $root->parent?->name ?? 'orphan', "\n";

  // pipes
  $r = vec[5, 3, 9, 1, 7]
    |> Vec\sort($$)
    |> Vec\map($$, $x ==> $x * $x)
    |> Vec\filter($$, $x ==> $x > 5)
    |> implode(':', $$);
  echo "pipe: $r\n";
  $s = '  Hello, World  ' |> trim($$) |> strtolower($$) |> str_replace(',', '', $$) |> explode(' ', $$) |> Vec\reverse($$) |> implode('_', $$);
  echo "pipe2: $s\n";
  $n = 10 |> $$ * 2 |> $$ + 1 |> ($$ % 7) |> $$ ** 2;
  echo "pipe3: $n\n";
  $w = $root |> $$->kids |> Vec\map($$, $k ==> total($k)) |> Math\sum($$);
  echo "pipe4: $w\n";

  // destructuring
  list($lo, $hi, list($cnt, $sum)) = minmax(vec[4, -2, 9, 0]);
  echo "minmax: $lo $hi $cnt $sum\n";
  list($lo, $hi) = minmax(vec[]);
  echo "empty: ", $lo ?? 'null', " ", $hi ?? 'null', "\n";
  list(, $second, ) = vec['x', 'y', 'z'];
  echo "second: $second\n";
  $pairs = vec[vec['k1', 1], vec['k2', 2], vec['k3', 3]];
  $acc = '';
  foreach ($pairs as list($k, $v)) $acc .= "$k=$v,";
  echo "pairs: $acc\n";
  $x = 1; $y = 2;
  list($x, $y) = vec[$y, $x];
  echo "swap: $x $y\n";

  // dict keys: int vs string
  $kv = parseKv('1=one;01=zero-one;a=alpha;-5=neg;1.5=float;2=two;=empty;1=ONE');
  foreach ($kv as $k => $v) echo "  ", gettype($k), " ", var_export_key($k), " => '$v'\n";
  echo "has int 1: ", C\contains_key($kv, 1) ? 'y' : 'n', ", has '1': ", C\contains_key($kv, '1') ? 'y' : 'n', "\n";
  echo "idx: ", idx($kv, 2, 'none'), " ", idx($kv, '2', 'none'), " ", idx($kv, -5, 'none'), "\n";

  // ??= on nested dicts
  $cfg = dict['db' => dict['host' => 'localhost']];
  $cfg['db']['port'] ??= 5432;
  $cfg['db']['host'] ??= 'other';
  $cfg['cache'] ??= dict[];
  $cfg['cache']['ttl'] ??= 60;
  $cfg['cache']['ttl'] ??= 999;
  echo json_encode($cfg), "\n";
  $cnt = dict[];
  foreach (str_split('mississippi') as $ch) { $cnt[$ch] ??= 0; $cnt[$ch]++; }
  echo json_encode($cnt), "\n";
}

function var_export_key(arraykey $k): string { return $k is int ? (string)$k : "'" . $k . "'"; }
