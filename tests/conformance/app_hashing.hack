<?hh
// oracle: hand
// Hashing with wrapping 64-bit arithmetic: FNV-1a 64, djb2, a murmur-style finalizer,
// an open-addressing hash map class, a bloom filter over a vec<int> bitset, consistent hashing ring.

function fnv1a64(string $s): int {
  $h = -3750763034362895579; // 0xcbf29ce484222325 as signed
  $n = strlen($s);
  for ($i = 0; $i < $n; $i++) {
    $h = $h ^ ord($s[$i]);
    $h = $h * 1099511628211;
  }
  return $h;
}

function djb2(string $s): int {
  $h = 5381;
  foreach (str_split($s) as $c) {
    $h = (($h << 5) + $h) + ord($c);
  }
  return $h;
}

function mix64(int $x): int {
  $x = $x ^ (($x >> 33) & 0x7FFFFFFF);
  $x = $x * -49064778989728563; // 0xff51afd7ed558ccd
  $x = $x ^ (($x >> 33) & 0x7FFFFFFF);
  $x = $x * -4265267296055464877; // 0xc4ceb9fe1a85ec53
  $x = $x ^ (($x >> 33) & 0x7FFFFFFF);
  return $x;
}

function hex64(int $x): string {
  return str_pad(dechex($x), 16, '0', STR_PAD_LEFT);
}

final class HashMap {
  private vec<?string> $keys;
  private vec<int> $vals;
  private int $size = 0;
  public int $probes = 0;
  public int $resizes = 0;
  public function __construct(private int $cap = 8) {
    $this->keys = Vec\fill($cap, null);
    $this->vals = Vec\fill($cap, 0);
  }
  private function slot(string $k): int {
    $h = mix64(fnv1a64($k));
    return ($h & PHP_INT_MAX) % $this->cap;
  }
  public function put(string $k, int $v): void {
    if (($this->size + 1) * 4 > $this->cap * 3) $this->grow();
    $i = $this->slot($k);
    while ($this->keys[$i] !== null && $this->keys[$i] !== $k) {
      $this->probes++;
      $i = ($i + 1) % $this->cap;
    }
    if ($this->keys[$i] === null) $this->size++;
    $this->keys[$i] = $k;
    $this->vals[$i] = $v;
  }
  public function get(string $k): ?int {
    $i = $this->slot($k);
    $n = 0;
    while ($this->keys[$i] !== null) {
      if ($this->keys[$i] === $k) return $this->vals[$i];
      $i = ($i + 1) % $this->cap;
      if (++$n > $this->cap) break;
    }
    return null;
  }
  private function grow(): void {
    $this->resizes++;
    $oldK = $this->keys; $oldV = $this->vals;
    $this->cap *= 2;
    $this->keys = Vec\fill($this->cap, null);
    $this->vals = Vec\fill($this->cap, 0);
    $this->size = 0;
    foreach ($oldK as $i => $k) {
      if ($k !== null) $this->put($k, $oldV[$i]);
    }
  }
  public function layout(): string {
    $s = '';
    foreach ($this->keys as $k) $s .= $k === null ? '.' : $k[0];
    return $s;
  }
  public function size(): int { return $this->size; }
  public function cap(): int { return $this->cap; }
}

final class Bloom {
  private vec<int> $bits;
  public function __construct(private int $nbits, private int $k) {
    $this->bits = Vec\fill(intdiv($nbits + 62, 63), 0);
  }
  private function positions(string $s): vec<int> {
    $h1 = fnv1a64($s);
    $h2 = djb2($s) | 1;
    $out = vec[];
    for ($i = 0; $i < $this->k; $i++) {
      $h = $h1 + $i * $h2;
      $out[] = ($h & PHP_INT_MAX) % $this->nbits;
    }
    return $out;
  }
  public function add(string $s): void {
    foreach ($this->positions($s) as $p) {
      $this->bits[intdiv($p, 63)] |= (1 << ($p % 63));
    }
  }
  public function mightContain(string $s): bool {
    foreach ($this->positions($s) as $p) {
      if (($this->bits[intdiv($p, 63)] & (1 << ($p % 63))) === 0) return false;
    }
    return true;
  }
  public function popcount(): int {
    $c = 0;
    foreach ($this->bits as $w) {
      while ($w !== 0) { $w &= $w - 1; $c++; }
    }
    return $c;
  }
}

<<__EntryPoint>>
function main(): void {
  $words = vec['', 'a', 'b', 'ab', 'hello', 'Hello', 'hack', 'hhvm', 'The quick brown fox', str_repeat('z', 50)];
  foreach ($words as $w) {
    $f = fnv1a64($w);
    $d = djb2($w);
    echo sprintf("%-22s fnv=%s %20d djb2=%20d mix=%s\n", "'" . substr($w, 0, 18) . "'", hex64($f), $f, $d, hex64(mix64($f)));
  }
  echo "mix of small ints: ";
  for ($i = 0; $i < 6; $i++) echo hex64(mix64($i)), ' ';
  echo "\n";
  echo "wrap checks: ", PHP_INT_MAX + 1, ' ', PHP_INT_MIN - 1, ' ', PHP_INT_MAX * 3, ' ', -PHP_INT_MIN, ' ', PHP_INT_MIN * -1, "\n";
  $acc = 1;
  for ($i = 1; $i <= 25; $i++) { $acc *= $i; if ($i % 5 === 0) echo "  $i! wraps to $acc\n"; }

  $m = new HashMap();
  $names = vec['apple', 'banana', 'cherry', 'date', 'elder', 'fig', 'grape', 'honeydew', 'kiwi', 'lemon', 'mango', 'nectarine', 'olive', 'peach'];
  foreach ($names as $i => $n) {
    $m->put($n, $i * 10);
    if ($i % 4 === 3) echo "  after $n: size=", $m->size(), " cap=", $m->cap(), " layout=", $m->layout(), "\n";
  }
  $m->put('apple', -1);
  echo "size=", $m->size(), " cap=", $m->cap(), " probes=", $m->probes, " resizes=", $m->resizes, "\n";
  foreach (vec['apple', 'fig', 'peach', 'zucchini', ''] as $k) echo "  get($k)=", $m->get($k) ?? 'null', "\n";

  $b = new Bloom(500, 4);
  foreach ($names as $n) $b->add($n);
  echo "bloom bits set: ", $b->popcount(), "\n";
  $fp = 0;
  $probe = vec[];
  for ($i = 0; $i < 200; $i++) $probe[] = 'w' . $i;
  foreach ($probe as $p) if ($b->mightContain($p)) $fp++;
  echo "false positives: $fp/200, all members found: ", C\every($names, $n ==> $b->mightContain($n)) ? 'yes' : 'no', "\n";

  // consistent hashing ring
  $ring = dict[];
  foreach (vec['node-a', 'node-b', 'node-c'] as $node) {
    for ($v = 0; $v < 4; $v++) {
      $ring[mix64(fnv1a64("$node#$v")) & 0xFFFFFFFF] = $node;
    }
  }
  $ring = Dict\sort_by_key($ring);
  $points = Vec\keys($ring);
  $assign = dict[];
  foreach ($names as $n) {
    $h = mix64(fnv1a64($n)) & 0xFFFFFFFF;
    $owner = $ring[$points[0]];
    foreach ($points as $pt) { if ($pt >= $h) { $owner = $ring[$pt]; break; } }
    $assign[$owner] ??= vec[];
    $assign[$owner][] = $n;
  }
  foreach (Dict\sort_by_key($assign) as $node => $ns) echo "  $node: ", implode(',', $ns), "\n";
}
