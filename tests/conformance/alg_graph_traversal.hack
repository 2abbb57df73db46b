<?hh
// Graph algorithms on adjacency dicts: BFS levels and shortest hop paths,
// recursive and iterative DFS, Kahn's topological sort, DFS-based cycle
// detection and connected components.

final class Graph {
  private dict<string, vec<string>> $adj = dict[];

  public function __construct(private bool $directed) {}

  public function addNode(string $n): void {
    if (!C\contains_key($this->adj, $n)) {
      $this->adj[$n] = vec[];
    }
  }

  public function addEdge(string $a, string $b): this {
    $this->addNode($a);
    $this->addNode($b);
    $this->adj[$a][] = $b;
    if (!$this->directed) {
      $this->adj[$b][] = $a;
    }
    return $this;
  }

  public function nodes(): vec<string> {
    return Vec\keys($this->adj);
  }

  public function neighbors(string $n): vec<string> {
    return $this->adj[$n];
  }

  public function bfs(string $start): dict<string, int> {
    $level = dict[$start => 0];
    $queue = vec[$start];
    $head = 0;
    while ($head < count($queue)) {
      $u = $queue[$head];
      $head++;
      foreach ($this->adj[$u] as $v) {
        if (!isset($level[$v])) {
          $level[$v] = $level[$u] + 1;
          $queue[] = $v;
        }
      }
    }
    return $level;
  }

  private keyset<string> $visited = keyset[];
  private vec<string> $visitOrder = vec[];

  public function dfsRecursive(string $start): vec<string> {
    $this->visited = keyset[];
    $this->visitOrder = vec[];
    $this->visit($start);
    return $this->visitOrder;
  }

  private function visit(string $u): void {
    $this->visited[] = $u;
    $this->visitOrder[] = $u;
    foreach ($this->adj[$u] as $v) {
      if (!C\contains_key($this->visited, $v)) {
        $this->visit($v);
      }
    }
  }

  public function dfsIterative(string $start): vec<string> {
    $stack = vec[$start];
    $seen = keyset[];
    $order = vec[];
    while (count($stack) > 0) {
      $u = C\last($stack);
      $stack = Vec\take($stack, count($stack) - 1);
      if (C\contains_key($seen, $u)) { continue; }
      $seen[] = $u;
      $order[] = $u;
      foreach (Vec\reverse($this->adj[$u]) as $v) {
        if (!C\contains_key($seen, $v)) { $stack[] = $v; }
      }
    }
    return $order;
  }

  public function topoSort(): ?vec<string> {
    $indeg = Dict\map($this->adj, $_ ==> 0);
    foreach ($this->adj as $u => $vs) {
      foreach ($vs as $v) { $indeg[$v] += 1; }
    }
    $ready = Vec\sort(Vec\keys(Dict\filter($indeg, $d ==> $d === 0)));
    $out = vec[];
    while (count($ready) > 0) {
      $u = $ready[0];
      $ready = Vec\drop($ready, 1);
      $out[] = $u;
      foreach ($this->adj[$u] as $v) {
        $indeg[$v] -= 1;
        if ($indeg[$v] === 0) {
          $ready = Vec\sort(Vec\concat($ready, vec[$v]));
        }
      }
    }
    return count($out) === count($this->adj) ? $out : null;
  }

  public function components(): vec<vec<string>> {
    $seen = keyset[];
    $comps = vec[];
    foreach (Vec\sort($this->nodes()) as $n) {
      if (C\contains_key($seen, $n)) { continue; }
      $comp = Vec\sort(Vec\keys($this->bfs($n)));
      foreach ($comp as $c) { $seen[] = $c; }
      $comps[] = $comp;
    }
    return $comps;
  }
}

<<__EntryPoint>>
function main(): void {
  $g = new Graph(false);
  foreach (vec["a-b", "a-c", "b-d", "c-d", "d-e", "f-g", "e-h", "c-h"] as $e) {
    list($x, $y) = explode("-", $e);
    $g->addEdge($x, $y);
  }
  $g->addNode("lonely");
  foreach ($g->bfs("a") as $n => $lvl) { echo $n, "@", $lvl, " "; }
  echo "\n";
  echo "dfs rec: ", implode(" ", $g->dfsRecursive("a")), "\n";
  echo "dfs it:  ", implode(" ", $g->dfsIterative("a")), "\n";
  foreach ($g->components() as $i => $c) {
    echo "component ", $i, ": ", implode(",", $c), "\n";
  }
  $courses = new Graph(true);
  $courses->addEdge("intro", "data")->addEdge("intro", "algo")->addEdge("data", "db")
    ->addEdge("algo", "compilers")->addEdge("data", "compilers")->addEdge("math", "algo")
    ->addEdge("db", "web")->addEdge("compilers", "thesis")->addEdge("web", "thesis");
  $order = $courses->topoSort();
  echo "topo: ", $order === null ? "cycle!" : implode(" < ", $order), "\n";
  $courses->addEdge("thesis", "intro");
  $order = $courses->topoSort();
  echo "topo after back edge: ", $order === null ? "cycle!" : implode(" < ", $order), "\n";
  echo "neighbors of d: ", implode(",", $g->neighbors("d")), "\n";
}
