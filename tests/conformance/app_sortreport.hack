<?hh
// oracle: hand
// Sorting-heavy sales report: Vec\sort with <=> comparators, Vec\sort_by, Dict\sort,
// Dict\sort_by_key, group_by, multi-key comparisons, stability, ranking with ties.

final class Sale {
  public function __construct(
    public string $region,
    public string $rep,
    public string $product,
    public int $units,
    public float $price,
    public int $day,
  ) {}
  public function revenue(): float { return $this->units * $this->price; }
  public function key(): string { return "{$this->region}/{$this->rep}/{$this->day}"; }
}

function seedData(): vec<Sale> {
  $regions = vec['north', 'south', 'east', 'west'];
  $reps = vec['ann', 'bo', 'cy', 'di', 'ed'];
  $products = dict['bolt' => 0.25, 'nut' => 0.1, 'gear' => 12.5, 'belt' => 7.75, 'motor' => 149.99];
  $pnames = Vec\keys($products);
  $out = vec[];
  $x = 12345;
  for ($i = 0; $i < 60; $i++) {
    $x = ($x * 1103515245 + 12345) % 2147483648;
    $r = $regions[$x % 4];
    $rep = $reps[($x >> 3) % 5];
    $p = $pnames[($x >> 7) % 5];
    $units = 1 + (($x >> 11) % 40);
    $day = 1 + (($x >> 17) % 28);
    $out[] = new Sale($r, $rep, $p, $units, $products[$p], $day);
  }
  return $out;
}

function fmtMoney(float $f): string { return str_pad(number_format($f, 2), 12, ' ', STR_PAD_LEFT); }

<<__EntryPoint>>
function main(): void {
  $sales = seedData();
  echo "rows: ", count($sales), "\n";
  for ($i = 0; $i < 5; $i++) {
    $s = $sales[$i];
    echo sprintf("  %-6s %-3s %-6s %3d x %7.2f day %2d = %s\n", $s->region, $s->rep, $s->product, $s->units, $s->price, $s->day, fmtMoney($s->revenue()));
  }

  // 1. multi-key sort: region asc, revenue desc, day asc
  $sorted = Vec\sort($sales, ($a, $b) ==> {
    $c = $a->region <=> $b->region;
    if ($c !== 0) return $c;
    $c = $b->revenue() <=> $a->revenue();
    if ($c !== 0) return $c;
    return ($a->day <=> $b->day) ?: strcmp($a->key(), $b->key());
  });
  echo "top per region:\n";
  $lastRegion = '';
  $shown = 0;
  foreach ($sorted as $s) {
    if ($s->region !== $lastRegion) { $lastRegion = $s->region; $shown = 0; }
    if ($shown++ < 3) echo "  ", $s->region, " ", $s->key(), " ", fmtMoney($s->revenue()), "\n";
  }

  // 2. group_by + aggregate + Dict\sort on values
  $byRep = Dict\group_by($sales, $s ==> $s->rep);
  $totals = Dict\map($byRep, $rows ==> Math\sum(Vec\map($rows, $r ==> $r->units)));
  echo "units by rep (raw order): ", json_encode($totals), "\n";
  $asc = Dict\sort($totals);
  echo "units by rep asc: ", json_encode($asc), "\n";
  $desc = Dict\sort($totals, ($a, $b) ==> $b <=> $a);
  echo "units by rep desc: ", json_encode($desc), "\n";
  echo "by key: ", json_encode(Dict\sort_by_key($totals)), "\n";

  // 3. revenue by product, with float sums, sorted by revenue then name
  $rev = dict[];
  foreach ($sales as $s) {
    $rev[$s->product] = ($rev[$s->product] ?? 0.0) + $s->revenue();
  }
  $ranked = Vec\sort_by(Vec\keys($rev), $p ==> -$rev[$p]);
  foreach ($ranked as $i => $p) echo sprintf("  #%d %-6s %s\n", $i + 1, $p, fmtMoney($rev[$p]));

  // 4. stability: sort_by on a coarse key keeps input order (16 rows or fewer: HHVM's
  // introsort is an insertion sort there, hence stable; PHP 8's sort is always stable)
  $coarse = Vec\sort_by(Vec\take($sales, 16), $s ==> intdiv($s->day, 10));
  $firstFew = Vec\map(Vec\take($coarse, 12), $s ==> $s->day);
  echo "coarse days: ", implode(',', $firstFew), "\n";

  // 5. dense ranking with ties on units
  $units = Vec\sort(Vec\unique(Vec\map($sales, $s ==> $s->units)));
  $rank = dict[];
  foreach ($units as $i => $u) $rank[$u] = $i + 1;
  $top = Vec\take(Vec\sort($sales, ($a, $b) ==> ($b->units <=> $a->units) ?: strcmp($a->key(), $b->key())), 8);
  foreach ($top as $s) echo "  rank ", $rank[$s->units], " units ", $s->units, " ", $s->key(), "\n";

  // 6. sorting mixed numeric strings and ints via <=>
  $mixed = vec['10', '9', '2', '100', '1e3', '0.5', '-3', '007'];
  $m1 = Vec\sort($mixed);
  echo "default sort: ", implode(' ', $m1), "\n";
  $m2 = Vec\sort($mixed, ($a, $b) ==> strcmp($a, $b));
  echo "strcmp sort:  ", implode(' ', $m2), "\n";
  $m3 = Vec\sort_by($mixed, $s ==> strlen($s));
  echo "by length:    ", implode(' ', $m3), "\n";
  $nums = vec[3, -1, 2.5, 0, -7.25, 10, 2];
  echo "nums: ", implode(' ', Vec\sort($nums)), " | desc: ", implode(' ', Vec\sort($nums, ($a, $b) ==> $b <=> $a)), "\n";

  // 7. spaceship on vecs and strings
  $pairs = vec[vec[1, 2], vec[1, 3], vec[0, 9], vec[1, 2, 0], vec[2]];
  $ps = Vec\sort($pairs, ($a, $b) ==> {
    $n = min(count($a), count($b));
    for ($i = 0; $i < $n; $i++) {
      $c = $a[$i] <=> $b[$i];
      if ($c !== 0) return $c;
    }
    return count($a) <=> count($b);
  });
  echo "lex pairs: ", implode(' ', Vec\map($ps, $p ==> '(' . implode(',', $p) . ')')), "\n";
  echo "cmp: ", 'a' <=> 'b', ' ', 'b' <=> 'a', ' ', 'a' <=> 'a', ' ', 1.5 <=> 1.5, ' ', 2 <=> 1.5, ' ', null <=> false, "\n";

  // 8. day histogram with str_repeat bars, sorted by day
  $hist = Dict\count_values(Vec\map($sales, $s ==> $s->day));
  $hist = Dict\sort_by_key($hist);
  foreach ($hist as $d => $c) {
    if ($c >= 3) echo sprintf("  day %2d %s %d\n", $d, str_repeat('#', $c), $c);
  }
  $maxDay = C\reduce(Vec\keys($hist), ($acc, $d) ==> $hist[$d] > $hist[$acc] ? $d : $acc, 1);
  echo "busiest day: $maxDay with ", $hist[$maxDay], "\n";
}
