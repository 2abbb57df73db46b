<?hh
// oracle: hand
// In-memory document store with indexes: nested writes through properties and static
// properties ($this->idx[$f][$v][] = $id, self::$cache[$k][] = ...), compound assignment on
// object-in-container properties, list() into properties/elements, interpolation of nested access.

final class Doc {
  public int $version = 1;
  public dict<string, mixed> $fields;
  public function __construct(public int $id, dict<string, mixed> $fields) { $this->fields = $fields; }
}

final class Store {
  private dict<int, Doc> $docs = dict[];
  private dict<string, dict<string, vec<int>>> $idx = dict[];
  public static dict<string, vec<string>> $events = dict[];
  private static int $nextId = 1;
  public vec<int> $stats = vec[0, 0, 0]; // inserts, updates, deletes

  public function __construct(private vec<string> $indexed) {
    foreach ($indexed as $f) $this->idx[$f] = dict[];
  }
  private static function emit(string $kind, string $msg): void {
    self::$events[$kind] ??= vec[];
    self::$events[$kind][] = $msg;
  }
  private function indexAdd(Doc $d): void {
    foreach ($this->indexed as $f) {
      $v = $d->fields[$f] ?? null;
      if ($v === null) continue;
      $key = (string)$v;
      $this->idx[$f][$key] ??= vec[];
      $this->idx[$f][$key][] = $d->id;
    }
  }
  private function indexRemove(Doc $d): void {
    foreach ($this->indexed as $f) {
      $v = $d->fields[$f] ?? null;
      if ($v === null) continue;
      $key = (string)$v;
      $this->idx[$f][$key] = Vec\filter($this->idx[$f][$key], $i ==> $i !== $d->id);
      if (C\is_empty($this->idx[$f][$key])) unset($this->idx[$f][$key]);
    }
  }
  public function insert(dict<string, mixed> $fields): int {
    $id = self::$nextId++;
    $d = new Doc($id, $fields);
    $this->docs[$id] = $d;
    $this->indexAdd($d);
    $this->stats[0]++;
    self::emit('insert', "#$id {$fields['name']}");
    return $id;
  }
  public function update(int $id, dict<string, mixed> $patch): bool {
    $d = $this->docs[$id] ?? null;
    if ($d === null) return false;
    $this->indexRemove($d);
    foreach ($patch as $k => $v) {
      if ($v === null) unset($d->fields[$k]); else $d->fields[$k] = $v;
    }
    $d->version += 1;
    $this->indexAdd($d);
    $this->stats[1] += 1;
    self::emit('update', "#$id v{$d->version} keys=" . implode(',', Vec\keys($patch)));
    return true;
  }
  public function delete(int $id): bool {
    if (!C\contains_key($this->docs, $id)) return false;
    $this->indexRemove($this->docs[$id]);
    unset($this->docs[$id]);
    $this->stats[2]++;
    self::emit('delete', "#$id");
    return true;
  }
  public function find(string $f, arraykey $v): vec<Doc> {
    $ids = $this->idx[$f][(string)$v] ?? vec[];
    return Vec\map($ids, $i ==> $this->docs[$i]);
  }
  public function all(): dict<int, Doc> { return $this->docs; }
  public function indexDump(string $f): string {
    $parts = vec[];
    foreach (Dict\sort_by_key($this->idx[$f]) as $k => $ids) $parts[] = "$k:[" . implode(',', $ids) . ']';
    return implode(' ', $parts);
  }
}

<<__EntryPoint>>
function main(): void {
  $s = new Store(vec['city', 'age', 'tag']);
  $people = vec[
    dict['name' => 'ann', 'city' => 'oslo', 'age' => 31, 'tag' => 'a'],
    dict['name' => 'ben', 'city' => 'rome', 'age' => 25],
    dict['name' => 'cat', 'city' => 'oslo', 'age' => 25, 'tag' => 'b'],
    dict['name' => 'dov', 'city' => 'lima', 'age' => 40, 'tag' => 'a'],
    dict['name' => 'eli', 'city' => 'rome', 'age' => 31, 'tag' => 'c'],
  ];
  $ids = Vec\map($people, $p ==> $s->insert($p));
  echo "ids: ", implode(',', $ids), "\n";
  foreach (vec['city', 'age', 'tag'] as $f) echo "  idx $f: ", $s->indexDump($f), "\n";

  $s->update(2, dict['city' => 'oslo', 'tag' => 'z']);
  $s->update(1, dict['tag' => null, 'age' => 32]);
  $s->update(99, dict['x' => 1]);
  $s->delete(4);
  $s->delete(4);
  foreach (vec['city', 'age', 'tag'] as $f) echo "  idx $f: ", $s->indexDump($f), "\n";
  echo "oslo: ", implode(',', Vec\map($s->find('city', 'oslo'), $d ==> $d->fields['name'])), "\n";
  echo "age 25: ", implode(',', Vec\map($s->find('age', 25), $d ==> "{$d->fields['name']}(v{$d->version})")), "\n";
  echo "stats: ", implode('/', $s->stats), "\n";

  // compound assignment on objects inside containers
  $all = $s->all();
  $all[1]->version += 10;
  $all[2]->fields['age'] = ($all[2]->fields['age'] as int) * 2;
  $all[3]->fields['visits'] = 0;
  for ($i = 0; $i < 3; $i++) {
    $v = $all[3]->fields['visits'] as int;
    $all[3]->fields['visits'] = $v + 1;
  }
  unset($all[5]); // removes from the local copy only
  echo "after: ", count($all), " vs store ", count($s->all()), "\n";
  foreach ($s->all() as $id => $d) {
    echo "  #$id v{$d->version} ", json_encode($d->fields), "\n";
  }

  // list() into properties and elements
  $doc = new Doc(0, dict[]);
  $arr = vec[0, 0, 0];
  $m = dict['x' => 0];
  list($doc->id, $arr[1], $m['y']) = vec[77, 88, 99];
  list($doc->version, list($arr[0], $arr[2])) = vec[5, vec['p', 'q']];
  echo "list: id={$doc->id} v={$doc->version} arr=", implode(',', $arr), " m=", json_encode($m), "\n";

  // interpolation of nested access
  $data = dict['user' => dict['name' => 'zoe', 'langs' => vec['hack', 'rust']], 'n' => 3];
  $key = 'user';
  $o = $s->all()[3];
  echo "interp: {$data['user']['name']} knows {$data['user']['langs'][1]} and $data[n] things; {$data[$key]['name']}; doc {$o->fields['name']} v$o->version; id={$o->id}th\n";
  $v = vec['a', 'b'];
  echo "simple: $v[0]$v[1] {$v[1]}x \$v[0] {$s->stats[0]}\n";

  foreach (Dict\sort_by_key(Store::$events) as $k => $evs) echo "  $k: ", implode(' | ', $evs), "\n";
}
