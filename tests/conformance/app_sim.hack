<?hh
// oracle: hand
// Discrete-event simulation of a small bank branch: binary min-heap in a vec, an LRU cache
// built on dict insertion order, tellers as objects, a deterministic LCG, hot loops
// (OSR candidates) that mix ints and floats, unset during iteration.

final class Heap<T> {
  private vec<vec<mixed>> $h = vec[];
  private int $seq = 0;
  public function push(float $prio, T $item): void {
    $this->h[] = vec[$prio, $this->seq++, $item];
    $i = count($this->h) - 1;
    while ($i > 0) {
      $p = intdiv($i - 1, 2);
      if ($this->less($i, $p)) { $this->swap($i, $p); $i = $p; } else break;
    }
  }
  private function less(int $a, int $b): bool {
    $x = $this->h[$a]; $y = $this->h[$b];
    return $x[0] < $y[0] || ($x[0] == $y[0] && $x[1] < $y[1]);
  }
  private function swap(int $a, int $b): void {
    $t = $this->h[$a]; $this->h[$a] = $this->h[$b]; $this->h[$b] = $t;
  }
  public function pop(): vec<mixed> {
    $top = $this->h[0];
    $last = $this->h[count($this->h) - 1];
    $this->h = Vec\take($this->h, count($this->h) - 1);
    if (!C\is_empty($this->h)) {
      $this->h[0] = $last;
      $i = 0; $n = count($this->h);
      while (true) {
        $l = 2 * $i + 1; $r = $l + 1; $m = $i;
        if ($l < $n && $this->less($l, $m)) $m = $l;
        if ($r < $n && $this->less($r, $m)) $m = $r;
        if ($m === $i) break;
        $this->swap($i, $m); $i = $m;
      }
    }
    return $top;
  }
  public function size(): int { return count($this->h); }
}

final class Rng {
  public function __construct(private int $state) {}
  public function next(): int { $this->state = ($this->state * 6364136223846793005 + 1442695040888963407); return ($this->state >> 33) & 0x7FFFFFFF; }
  public function uniform(): float { return $this->next() / 2147483648.0; }
  public function expo(float $mean): float { return -$mean * log(1.0 - $this->uniform()); }
}

final class Lru {
  private dict<string, int> $d = dict[];
  public int $hits = 0; public int $misses = 0; public int $evictions = 0;
  public function __construct(private int $cap) {}
  public function get(string $k, (function(): int) $compute): int {
    if (C\contains_key($this->d, $k)) {
      $v = $this->d[$k];
      unset($this->d[$k]);
      $this->d[$k] = $v;
      $this->hits++;
      return $v;
    }
    $this->misses++;
    $v = $compute();
    $this->d[$k] = $v;
    if (count($this->d) > $this->cap) {
      foreach ($this->d as $old => $_) { unset($this->d[$old]); $this->evictions++; break; }
    }
    return $v;
  }
  public function keys(): string { return implode(',', Vec\keys($this->d)); }
}

final class Teller {
  public ?int $serving = null;
  public float $busy = 0.0;
  public int $served = 0;
  public function __construct(public string $name, public float $speed) {}
}

<<__EntryPoint>>
function main(): void {
  $rng = new Rng(42);
  $first = vec[];
  for ($i = 0; $i < 5; $i++) $first[] = $rng->next();
  echo "rng: ", implode(' ', $first), "\n";

  $heap = new Heap();
  foreach (vec[5.0, 1.0, 3.0, 1.0, 4.0, 2.5, 0.5] as $i => $p) $heap->push($p, "e$i");
  $order = vec[];
  while ($heap->size() > 0) { $x = $heap->pop(); $order[] = $x[2] . '@' . $x[0]; }
  echo "heap order: ", implode(' ', $order), "\n";

  // simulation
  $tellers = vec[new Teller('A', 1.0), new Teller('B', 1.5), new Teller('C', 0.75)];
  $ev = new Heap();
  $t = 0.0;
  for ($c = 0; $c < 200; $c++) { $t += $rng->expo(1.2); $ev->push($t, vec['arrive', $c]); }
  $queue = vec[];
  $waits = dict[];
  $arrivals = dict[];
  $now = 0.0;
  $maxQ = 0;
  $log = vec[];
  while ($ev->size() > 0) {
    list($now, $_, $e) = $ev->pop();
    $kind = $e[0];
    if ($kind === 'arrive') {
      $arrivals[$e[1]] = $now;
      $queue[] = $e[1];
      $maxQ = max($maxQ, count($queue));
    } else {
      $tl = $tellers[$e[1]];
      $tl->served++;
      $tl->serving = null;
    }
    foreach ($tellers as $ti => $tl) {
      if ($tl->serving === null && !C\is_empty($queue)) {
        $cust = $queue[0];
        $queue = Vec\drop($queue, 1);
        $tl->serving = $cust;
        $svc = $rng->expo(3.0) / $tl->speed;
        $tl->busy += $svc;
        $waits[$cust] = $now - $arrivals[$cust];
        $ev->push($now + $svc, vec['done', $ti]);
        if ($cust < 5 || $cust % 50 === 0) $log[] = sprintf('t=%.3f %s takes #%d (waited %.3f, svc %.3f)', $now, $tl->name, $cust, $waits[$cust], $svc);
      }
    }
  }
  foreach ($log as $l) echo "  $l\n";
  echo sprintf("end=%.4f maxQ=%d avgWait=%.4f maxWait=%.4f\n", $now, $maxQ, array_sum($waits) / count($waits), max($waits));
  foreach ($tellers as $tl) echo sprintf("  %s served=%d busy=%.3f util=%.1f%%\n", $tl->name, $tl->served, $tl->busy, 100 * $tl->busy / $now);
  $buckets = dict[];
  foreach ($waits as $w) { $b = (int)floor($w / 5.0) * 5; $buckets[$b] = ($buckets[$b] ?? 0) + 1; }
  foreach (Dict\sort_by_key($buckets) as $b => $n) echo sprintf("  wait %3d-%3d: %3d %s\n", $b, $b + 5, $n, str_repeat('*', intdiv($n + 3, 4)));

  // LRU over a skewed key stream
  $lru = new Lru(4);
  $computed = 0;
  for ($i = 0; $i < 300; $i++) {
    $r = $rng->next() % 100;
    $k = 'k' . ($r < 60 ? $r % 3 : ($r < 90 ? 3 + $r % 5 : $r));
    $v = $lru->get($k, () ==> { $computed++; return strlen($k) * 1000 + $i; });
    if ($i % 60 === 0) echo "  lru i=$i k=$k v=$v keys=", $lru->keys(), "\n";
  }
  echo "lru hits=", $lru->hits, " misses=", $lru->misses, " evictions=", $lru->evictions, " computed(outer)=", $computed, "\n";

  // unset during iteration over a dict copy
  $inv = dict['a' => 3, 'b' => 0, 'c' => 7, 'd' => 0, 'e' => 1];
  foreach ($inv as $k => $q) {
    if ($q === 0) unset($inv[$k]);
    else $inv[$k] = $q - 1;
  }
  echo "inv: ", json_encode($inv), "\n";
  $int = dict[];
  for ($i = -3; $i <= 3; $i++) $int[$i * 1000000000000] = $i;
  $int[PHP_INT_MAX] = 'max';
  $int[PHP_INT_MIN] = 'min';
  foreach ($int as $k => $v) echo "  $k=>$v";
  echo "\n";
}
