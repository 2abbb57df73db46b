<?hh
// HSL namespaces working together on a small sales dataset: C\ (count,
// contains, find, reduce, any/every, first/last), Vec\ (map, filter, sort,
// sort_by, unique, slice, take/drop, zip, fill, flatten, range, reverse,
// keys, concat), Dict\ (map, filter, group_by, count_values, from_keys,
// merge, sort, sort_by_key, flip, fill_keys, from_entries), Keyset\,
// Str\ and Math\.

use namespace HH\Lib\{C, Vec, Dict, Keyset, Str, Math};

<<__EntryPoint>>
function main(): void {
  $sales = vec[
    dict['rep' => 'ann', 'region' => 'north', 'amount' => 120],
    dict['rep' => 'bob', 'region' => 'south', 'amount' => 75],
    dict['rep' => 'ann', 'region' => 'north', 'amount' => 300],
    dict['rep' => 'cy', 'region' => 'east', 'amount' => 42],
    dict['rep' => 'bob', 'region' => 'north', 'amount' => 210],
    dict['rep' => 'dee', 'region' => 'south', 'amount' => 99],
    dict['rep' => 'cy', 'region' => 'east', 'amount' => 158],
  ];
  $amounts = Vec\map($sales, $s ==> (int)$s['amount']);
  echo C\count($sales), " sales, total ", Math\sum($amounts), ", max ", Math\max($amounts), ", min ", Math\min($amounts), "\n";
  echo "mean ", Math\round(Math\sum($amounts) / C\count($amounts), 2), ", int_div ", Math\int_div(Math\sum($amounts), 7), "\n";
  $reps = Vec\unique(Vec\map($sales, $s ==> (string)$s['rep']));
  echo "reps: ", Str\join($reps, ","), " | sorted desc: ", Str\join(Vec\reverse(Vec\sort($reps)), ","), "\n";
  $byRep = Dict\group_by($sales, $s ==> (string)$s['rep']);
  $totals = Dict\map($byRep, $rows ==> Math\sum(Vec\map($rows, $r ==> (int)$r['amount'])));
  foreach (Dict\sort($totals) as $rep => $t) { echo $rep, "=", $t, " "; }
  echo "\n";
  $ranked = Vec\sort_by(Vec\keys($totals), $rep ==> -$totals[$rep]);
  echo "ranking: ", Str\join($ranked, " > "), "\n";
  $big = Dict\filter($totals, $t ==> $t >= 200);
  echo "big: ", Str\join(Vec\keys($big), ","), "; regions per count: ";
  foreach (Dict\count_values(Vec\map($sales, $s ==> (string)$s['region'])) as $region => $n) { echo $region, ":", $n, " "; }
  echo "\n";
  $first = C\find($sales, $s ==> $s['amount'] > 200);
  echo "first > 200: ", $first === null ? "none" : $first['rep'] . "/" . $first['amount'], "; any < 50: ",
    C\any($amounts, $a ==> $a < 50) ? "yes" : "no", "; every > 10: ", C\every($amounts, $a ==> $a > 10) ? "yes" : "no", "\n";
  echo "first/last amount: ", C\first($amounts), "/", C\last($amounts), ", contains 99: ", C\contains($amounts, 99) ? "y" : "n", "\n";
  echo "top3: ", Str\join(Vec\take(Vec\sort($amounts, ($a, $b) ==> $b <=> $a), 3), ","), " rest: ", Str\join(Vec\drop(Vec\sort($amounts), 3), ","), "\n";
  echo "slice: ", Str\join(Vec\slice($amounts, 2, 3), ","), " | range: ", Str\join(Vec\range(10, 0, 5), ","), " | fill: ", Str\join(Vec\fill(3, "ab"), ""), "\n";
  $pairs = Vec\zip($reps, Vec\range(1, C\count($reps)));
  echo "zip: ", Str\join(Vec\map($pairs, $p ==> $p[0] . $p[1]), " "), "\n";
  echo "flatten: ", Str\join(Vec\flatten(vec[vec[1, 2], vec[], vec[3]]), ","), " concat: ", Str\join(Vec\concat(vec[1], vec[2, 3], vec[4]), ","), "\n";
  $lengths = Dict\from_keys($reps, $r ==> Str\length($r));
  $merged = Dict\merge($lengths, dict['bob' => 30, 'eve' => 3]);
  foreach (Dict\sort_by_key($merged) as $k => $v) { echo $k, ":", $v, " "; }
  echo "\n";
  $flipped = Dict\flip(dict['a' => 'x', 'b' => 'y']);
  $filled = Dict\fill_keys(vec['p', 'q'], 0);
  $entries = Dict\from_entries(vec[vec['k1', 1], vec['k2', 2]]);
  echo $flipped['x'], $flipped['y'], " ", C\count($filled), $filled['q'], " ", $entries['k2'], "\n";
  $north = Keyset\map(Vec\filter($sales, $s ==> $s['region'] === 'north'), $s ==> (string)$s['rep']);
  $south = Keyset\map(Vec\filter($sales, $s ==> $s['region'] === 'south'), $s ==> (string)$s['rep']);
  echo "north ", Str\join($north, ","), "; south ", Str\join($south, ","), "; both ", Str\join(Keyset\intersect($north, $south), ","),
    "; either ", Str\join(Keyset\union($north, $south), ","), "; north only ", Str\join(Keyset\diff($north, $south), ","),
    "; long names ", Str\join(Keyset\filter(Keyset\union($north, $south), $r ==> Str\length($r) > 2), ","), "\n";
  $report = C\reduce(Vec\keys($totals), ($acc, $rep) ==> $acc . Str\format("%-4s%5d\n", Str\uppercase($rep), $totals[$rep]), "");
  echo $report;
  echo Str\pad_left(Str\repeat("=", 3), 6, "."), Str\pad_right("|", 3, "-"), " ", Str\replace("a-b-c", "-", "+"), " ",
    Str\trim("  x  "), Str\slice("abcdef", 2, 2), " ", Str\search("hello", "l") ?? -1, " ", Str\to_int("12") ?? 0, " ",
    Str\starts_with("hello", "he") ? "sw" : "-", Str\ends_with("hello", "lo") ? "ew" : "-", " ", Str\lowercase("MiXeD"),
    " ", Math\abs(-3), Math\floor(2.7), Math\ceil(2.1), " ", Math\sqrt(16.0), " ", Str\split("a,b,,c", ",") |> C\count($$), "\n";
}
