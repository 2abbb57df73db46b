<?hh
// An LRU cache built from a doubly linked list of node objects plus a dict
// index, with hit/miss statistics, eviction callbacks and a memoized loader.

final class LruNode {
  public ?LruNode $prev = null;
  public ?LruNode $next = null;
  public function __construct(public string $key, public int $value) {}
}

final class LruCache {
  private dict<string, LruNode> $index = dict[];
  private LruNode $head;
  private LruNode $tail;
  private int $hits = 0;
  private int $misses = 0;
  private vec<string> $evicted = vec[];

  public function __construct(private int $capacity, private ?(function(string, int): void) $onEvict = null) {
    $this->head = new LruNode("<head>", 0);
    $this->tail = new LruNode("<tail>", 0);
    $this->head->next = $this->tail;
    $this->tail->prev = $this->head;
  }

  private function unlink(LruNode $n): void {
    $p = $n->prev;
    $q = $n->next;
    if ($p !== null) { $p->next = $q; }
    if ($q !== null) { $q->prev = $p; }
  }

  private function pushFront(LruNode $n): void {
    $first = $this->head->next;
    $n->prev = $this->head;
    $n->next = $first;
    $this->head->next = $n;
    if ($first !== null) { $first->prev = $n; }
  }

  public function get(string $key): ?int {
    $n = $this->index[$key] ?? null;
    if ($n === null) {
      $this->misses++;
      return null;
    }
    $this->hits++;
    $this->unlink($n);
    $this->pushFront($n);
    return $n->value;
  }

  public function put(string $key, int $value): void {
    $n = idx($this->index, $key);
    if ($n !== null) {
      $n->value = $value;
      $this->unlink($n);
      $this->pushFront($n);
      return;
    }
    if (count($this->index) >= $this->capacity) {
      $lru = $this->tail->prev;
      if ($lru !== null && $lru !== $this->head) {
        $this->unlink($lru);
        unset($this->index[$lru->key]);
        $this->evicted[] = $lru->key;
        $cb = $this->onEvict;
        if ($cb !== null) { $cb($lru->key, $lru->value); }
      }
    }
    $n = new LruNode($key, $value);
    $this->index[$key] = $n;
    $this->pushFront($n);
  }

  public function keys(): vec<string> {
    $out = vec[];
    $n = $this->head->next;
    while ($n !== null && $n !== $this->tail) {
      $out[] = $n->key;
      $n = $n->next;
    }
    return $out;
  }

  public function stats(): string {
    return Str\format("size=%d hits=%d misses=%d evicted=[%s]", count($this->index), $this->hits, $this->misses, implode(",", $this->evicted));
  }
}

final class Loader {
  public int $loads = 0;
  public function __construct(private LruCache $cache) {}
  public function fetch(string $key): int {
    $v = $this->cache->get($key);
    if ($v is null) {
      $this->loads++;
      $v = strlen($key) * 10 + ord($key[0]) % 7;
      $this->cache->put($key, $v);
    }
    return $v;
  }
}

<<__EntryPoint>>
function main(): void {
  $log = vec[];
  $c = new LruCache(3, ($k, $v) ==> { echo "  evict ", $k, "=", $v, "\n"; });
  $c->put("a", 1);
  $c->put("b", 2);
  $c->put("c", 3);
  echo implode(" ", $c->keys()), "\n";
  echo "get a: ", $c->get("a") ?? "miss", "\n";
  $c->put("d", 4);
  echo implode(" ", $c->keys()), "\n";
  echo "get b: ", $c->get("b") ?? "miss", "\n";
  $c->put("c", 30);
  $c->put("e", 5);
  echo implode(" ", $c->keys()), "\n";
  foreach (vec["a", "c", "d", "e", "zz"] as $k) {
    $v = $c->get($k);
    $log[] = $k . ":" . ($v === null ? "-" : (string)$v);
  }
  echo implode(" ", $log), "\n";
  echo $c->stats(), "\n";

  $big = new LruCache(4);
  $loader = new Loader($big);
  $words = explode(" ", "the quick brown fox jumps over the lazy dog the fox the end quick quick");
  $sum = 0;
  foreach ($words as $w) {
    $sum += $loader->fetch($w);
  }
  echo "sum=", $sum, " loads=", $loader->loads, "\n";
  echo implode(" ", $big->keys()), "\n";
  echo $big->stats(), "\n";
}
