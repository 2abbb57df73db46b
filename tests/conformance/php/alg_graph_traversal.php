<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Graph algorithms on adjacency dicts: BFS levels and shortest hop paths,
// recursive and iterative DFS, Kahn's topological sort, DFS-based cycle
// detection and connected components.

final class Graph {
  private array $adj = [];

  public function __construct(private bool $directed) {}

  public function addNode(string $n): void {
    if (!C\contains_key($this->adj, $n)) {
      $this->adj[$n] = [];
    }
  }

  public function addEdge(string $a, string $b): static {
    $this->addNode($a);
    $this->addNode($b);
    $this->adj[$a][] = $b;
    if (!$this->directed) {
      $this->adj[$b][] = $a;
    }
    return $this;
  }

  public function nodes(): array {
    return Vec\keys($this->adj);
  }

  public function neighbors(string $n): array {
    return $this->adj[$n];
  }

  public function bfs(string $start): array {
    $level = [$start => 0];
    $queue = [$start];
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

  private array $visited = [];
  private array $visitOrder = [];

  public function dfsRecursive(string $start): array {
    $this->visited = hh_keyset([]);
    $this->visitOrder = [];
    $this->visit($start);
    return $this->visitOrder;
  }

  private function visit(string $u): void {
    $this->visited[$u] = $u; // KS
    $this->visitOrder[] = $u;
    foreach ($this->adj[$u] as $v) {
      if (!C\contains_key($this->visited, $v)) {
        $this->visit($v);
      }
    }
  }

  public function dfsIterative(string $start): array {
    $stack = [$start];
    $seen = hh_keyset([]);
    $order = [];
    while (count($stack) > 0) {
      $u = C\last($stack);
      $stack = Vec\take($stack, count($stack) - 1);
      if (C\contains_key($seen, $u)) { continue; }
      $seen[$u] = $u;
      $order[] = $u;
      foreach (Vec\reverse($this->adj[$u]) as $v) {
        if (!C\contains_key($seen, $v)) { $stack[] = $v; }
      }
    }
    return $order;
  }

  public function topoSort(): ?array {
    $indeg = Dict\map($this->adj, fn($_) => 0);
    foreach ($this->adj as $u => $vs) {
      foreach ($vs as $v) { $indeg[$v] += 1; }
    }
    $ready = Vec\sort(Vec\keys(Dict\filter($indeg, fn($d) => $d === 0)));
    $out = [];
    while (count($ready) > 0) {
      $u = $ready[0];
      $ready = Vec\drop($ready, 1);
      $out[] = $u;
      foreach ($this->adj[$u] as $v) {
        $indeg[$v] -= 1;
        if ($indeg[$v] === 0) {
          $ready = Vec\sort(Vec\concat($ready, [$v]));
        }
      }
    }
    return count($out) === count($this->adj) ? $out : null;
  }

  public function components(): array {
    $seen = hh_keyset([]);
    $comps = [];
    foreach (Vec\sort($this->nodes()) as $n) {
      if (C\contains_key($seen, $n)) { continue; }
      $comp = Vec\sort(Vec\keys($this->bfs($n)));
      foreach ($comp as $c) { $seen[$c] = $c; }
      $comps[] = $comp;
    }
    return $comps;
  }
}

function main(): void {
  $g = new Graph(false);
  foreach (["a-b", "a-c", "b-d", "c-d", "d-e", "f-g", "e-h", "c-h"] as $e) {
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

main();
