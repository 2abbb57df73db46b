<?hh
// Dijkstra's shortest paths with a hand-written binary min-heap of
// (priority, node) pairs, path reconstruction, and an all-pairs table.

final class MinHeap {
  private vec<int> $prio = vec[];
  private vec<string> $items = vec[];

  public function size(): int {
    return count($this->items);
  }

  public function push(int $p, string $item): void {
    $this->prio[] = $p;
    $this->items[] = $item;
    $i = count($this->items) - 1;
    while ($i > 0) {
      $parent = intdiv($i - 1, 2);
      if ($this->less($i, $parent)) {
        $this->swap($i, $parent);
        $i = $parent;
      } else {
        break;
      }
    }
  }

  // ties broken by item name so the order is fully determined
  private function less(int $a, int $b): bool {
    if ($this->prio[$a] !== $this->prio[$b]) {
      return $this->prio[$a] < $this->prio[$b];
    }
    return strcmp($this->items[$a], $this->items[$b]) < 0;
  }

  private function swap(int $a, int $b): void {
    $tp = $this->prio[$a];
    $this->prio[$a] = $this->prio[$b];
    $this->prio[$b] = $tp;
    $ti = $this->items[$a];
    $this->items[$a] = $this->items[$b];
    $this->items[$b] = $ti;
  }

  public function pop(): vec<mixed> {
    $top = vec[$this->prio[0], $this->items[0]];
    $last = count($this->items) - 1;
    $this->swap(0, $last);
    $this->prio = Vec\take($this->prio, $last);
    $this->items = Vec\take($this->items, $last);
    $i = 0;
    while (true) {
      $l = 2 * $i + 1;
      $r = $l + 1;
      $m = $i;
      if ($l < $last && $this->less($l, $m)) { $m = $l; }
      if ($r < $last && $this->less($r, $m)) { $m = $r; }
      if ($m === $i) { break; }
      $this->swap($i, $m);
      $i = $m;
    }
    return $top;
  }
}

function dijkstra(dict<string, dict<string, int>> $g, string $src): vec<mixed> {
  $dist = dict[$src => 0];
  $prev = dict[];
  $done = keyset[];
  $heap = new MinHeap();
  $heap->push(0, $src);
  while ($heap->size() > 0) {
    list($d, $u) = $heap->pop();
    if (C\contains_key($done, $u)) { continue; }
    $done[] = $u;
    foreach ($g[$u] ?? dict[] as $v => $w) {
      $nd = $d + $w;
      $old = $dist[$v] ?? PHP_INT_MAX;
      if ($nd < $old) {
        $dist[$v] = $nd;
        $prev[$v] = $u;
        $heap->push($nd, $v);
      }
    }
  }
  return vec[$dist, $prev];
}

function path(dict<string, string> $prev, string $src, string $dst): string {
  $nodes = vec[$dst];
  $cur = $dst;
  while ($cur !== $src) {
    $cur = $prev[$cur];
    $nodes[] = $cur;
  }
  return implode(" -> ", Vec\reverse($nodes));
}

<<__EntryPoint>>
function main(): void {
  $edges = vec[
    "A B 7", "A C 9", "A F 14", "B C 10", "B D 15", "C D 11",
    "C F 2", "D E 6", "E F 9", "F G 1", "G E 3", "H A 1",
  ];
  $g = dict[];
  foreach ($edges as $e) {
    list($a, $b, $w) = explode(" ", $e);
    if (!isset($g[$a])) { $g[$a] = dict[]; }
    if (!isset($g[$b])) { $g[$b] = dict[]; }
    $g[$a][$b] = (int)$w;
    $g[$b][$a] = (int)$w;
  }
  $g['Z'] = dict[]; // isolated
  list($dist, $prev) = dijkstra($g, "A");
  foreach (Dict\sort_by_key($dist) as $node => $d) {
    echo $node, ": ", $d, "  ", path($prev, "A", $node), "\n";
  }
  echo "Z reachable: ", C\contains_key($dist, "Z") ? "yes" : "no", "\n";
  // all-pairs distance table
  $names = Vec\sort(Vec\keys($g));
  echo "   ", implode("", Vec\map($names, $n ==> Str\pad_left($n, 4))), "\n";
  foreach ($names as $s) {
    list($ds, $_) = dijkstra($g, $s);
    $row = Str\pad_right($s, 3);
    foreach ($names as $t) {
      $row .= Str\pad_left(isset($ds[$t]) ? (string)$ds[$t] : "-", 4);
    }
    echo $row, "\n";
  }
  // heap sort using the same heap
  $h = new MinHeap();
  foreach (vec[5, 3, 9, 1, 5, 7, 2] as $i => $p) {
    $h->push($p, "n" . $i);
  }
  $out = vec[];
  while ($h->size() > 0) {
    list($p, $item) = $h->pop();
    $out[] = $item . ":" . $p;
  }
  echo implode(" ", $out), "\n";
}
