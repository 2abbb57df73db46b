<?hh
// Union-find (disjoint sets) with path compression and union by rank,
// used for Kruskal's minimum spanning tree, connectivity queries and
// counting islands in a character grid.

final class DisjointSets {
  private dict<arraykey, arraykey> $parent = dict[];
  private dict<arraykey, int> $rank = dict[];
  private int $sets = 0;

  public function add(arraykey $x): void {
    if (!C\contains_key($this->parent, $x)) {
      $this->parent[$x] = $x;
      $this->rank[$x] = 0;
      $this->sets++;
    }
  }

  public function find(arraykey $x): arraykey {
    $root = $x;
    while ($this->parent[$root] !== $root) {
      $root = $this->parent[$root];
    }
    // path compression
    while ($this->parent[$x] !== $root) {
      $next = $this->parent[$x];
      $this->parent[$x] = $root;
      $x = $next;
    }
    return $root;
  }

  public function union(arraykey $a, arraykey $b): bool {
    $ra = $this->find($a);
    $rb = $this->find($b);
    if ($ra === $rb) {
      return false;
    }
    if ($this->rank[$ra] < $this->rank[$rb]) {
      $this->parent[$ra] = $rb;
    } else if ($this->rank[$ra] > $this->rank[$rb]) {
      $this->parent[$rb] = $ra;
    } else {
      $this->parent[$rb] = $ra;
      $this->rank[$ra] += 1;
    }
    $this->sets--;
    return true;
  }

  public function count(): int {
    return $this->sets;
  }

  public function connected(arraykey $a, arraykey $b): bool {
    return $this->find($a) === $this->find($b);
  }
}

function kruskal(vec<string> $nodes, vec<vec<mixed>> $edges): vec<vec<mixed>> {
  $ds = new DisjointSets();
  foreach ($nodes as $n) {
    $ds->add($n);
  }
  $sorted = Vec\sort($edges, ($x, $y) ==> {
    $c = $x[2] <=> $y[2];
    return $c !== 0 ? $c : strcmp($x[0] . $x[1], $y[0] . $y[1]);
  });
  $tree = vec[];
  foreach ($sorted as $e) {
    if ($ds->union($e[0], $e[1])) {
      $tree[] = $e;
    }
  }
  return $tree;
}

function islands(vec<string> $grid): int {
  $ds = new DisjointSets();
  $h = count($grid);
  $w = strlen($grid[0]);
  for ($r = 0; $r < $h; $r++) {
    for ($c = 0; $c < $w; $c++) {
      if ($grid[$r][$c] !== '#') { continue; }
      $id = $r * $w + $c;
      $ds->add($id);
      if ($c > 0 && $grid[$r][$c - 1] === '#') { $ds->union($id, $id - 1); }
      if ($r > 0 && $grid[$r - 1][$c] === '#') { $ds->union($id, $id - $w); }
    }
  }
  return $ds->count();
}

<<__EntryPoint>>
function main(): void {
  $nodes = vec["a", "b", "c", "d", "e", "f", "g"];
  $edges = vec[
    vec["a", "b", 7], vec["a", "d", 5], vec["b", "c", 8], vec["b", "d", 9],
    vec["b", "e", 7], vec["c", "e", 5], vec["d", "e", 15], vec["d", "f", 6],
    vec["e", "f", 8], vec["e", "g", 9], vec["f", "g", 11],
  ];
  $tree = kruskal($nodes, $edges);
  $total = 0;
  foreach ($tree as $e) {
    echo $e[0], "-", $e[1], " (", $e[2], ")\n";
    $total += $e[2];
  }
  echo "MST weight ", $total, " with ", count($tree), " edges\n";

  $ds = new DisjointSets();
  for ($i = 0; $i < 10; $i++) { $ds->add($i); }
  $pairs = vec[vec[0, 1], vec[2, 3], vec[1, 3], vec[5, 6], vec[7, 8], vec[8, 9], vec[0, 2], vec[6, 5]];
  foreach ($pairs as $p) {
    list($a, $b) = $p;
    echo $a, "~", $b, ": ", $ds->union($a, $b) ? "merged" : "already", ", sets=", $ds->count(), "\n";
  }
  foreach (vec[vec[0, 3], vec[4, 5], vec[7, 9], vec[5, 9]] as $q) {
    echo "connected(", $q[0], ",", $q[1], ") = ", $ds->connected($q[0], $q[1]) ? "true" : "false", "\n";
  }
  $groups = Dict\group_by(Vec\range(0, 9), $x ==> $ds->find($x));
  foreach ($groups as $root => $members) {
    echo "root ", $root, ": ", implode(" ", $members), "\n";
  }
  $grid = vec[
    "##..#....#",
    "#...##..##",
    "..#.....#.",
    ".###..#...",
    "......##.#",
  ];
  echo "islands: ", islands($grid), "\n";
}
