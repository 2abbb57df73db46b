<?hh
// oracle: hand
// Library-management data pipeline built from HSL and PHP-style container builtins:
// zip/flatten/unique/slice/concat, from_entries/flip/fill_keys/merge/group_by/count_values,
// keyset algebra, C\find/any/every/reduce/first/last, idx/in_array/array_* helpers, range.

final class Book {
  public function __construct(public string $isbn, public string $title, public string $author, public int $year, public keyset<string> $tags) {}
}

function books(): vec<Book> {
  return vec[
    new Book('111', 'Dune', 'Herbert', 1965, keyset['scifi', 'classic']),
    new Book('222', 'Neuromancer', 'Gibson', 1984, keyset['scifi', 'cyberpunk']),
    new Book('333', 'Emma', 'Austen', 1815, keyset['classic', 'romance']),
    new Book('444', 'Persuasion', 'Austen', 1817, keyset['romance', 'classic']),
    new Book('555', 'Count Zero', 'Gibson', 1986, keyset['cyberpunk']),
    new Book('666', 'Hyperion', 'Simmons', 1989, keyset['scifi']),
    new Book('777', 'Children of Dune', 'Herbert', 1976, keyset['scifi']),
  ];
}

<<__EntryPoint>>
function main(): void {
  $bs = books();
  $byIsbn = Dict\from_entries(Vec\map($bs, $b ==> vec[$b->isbn, $b]));
  echo "isbns: ", implode(',', Vec\keys($byIsbn)), " (", count($byIsbn), ")\n";
  $titles = Vec\map($bs, $b ==> $b->title);
  $years = Vec\map($bs, $b ==> $b->year);
  $zipped = Vec\zip($titles, $years);
  echo "zip: ", implode('; ', Vec\map($zipped, $p ==> $p[0] . '=' . $p[1])), "\n";
  echo "zip short: ", count(Vec\zip($titles, vec[1, 2])), "\n";
  $authors = Vec\unique(Vec\map($bs, $b ==> $b->author));
  echo "authors: ", implode(',', $authors), "\n";
  $byAuthor = Dict\group_by($bs, $b ==> $b->author);
  foreach ($byAuthor as $a => $list) echo "  $a: ", implode(' & ', Vec\map($list, $b ==> $b->title)), "\n";
  $allTags = Vec\flatten(Vec\map($bs, $b ==> array_values($b->tags)));
  echo "tags flat: ", implode(',', $allTags), "\n";
  echo "tag counts: ", json_encode(Dict\count_values($allTags)), "\n";
  $tagSets = Vec\map($bs, $b ==> $b->tags);
  $union = C\reduce($tagSets, ($acc, $t) ==> Keyset\union($acc, $t), keyset[]);
  echo "union: ", implode(',', $union), "\n";
  echo "intersect dune/emma: ", implode(',', Keyset\intersect($bs[0]->tags, $bs[2]->tags)), "\n";
  echo "diff union - scifi books: ", implode(',', Keyset\diff($union, $bs[0]->tags, $bs[1]->tags)), "\n";
  echo "keyset map/filter: ", implode(',', Keyset\map($union, $t ==> strlen($t))), " / ", implode(',', Keyset\filter($union, $t ==> Str\contains($t, 'c'))), "\n";

  $decades = Dict\count_values(Vec\map($years, $y ==> intdiv($y, 10) * 10));
  echo "decades: ", json_encode(Dict\sort_by_key($decades)), "\n";
  $flipped = Dict\flip(dict['a' => 'x', 'b' => 'y', 'c' => 'x']);
  echo "flip: ", json_encode($flipped), "\n";
  $fk = Dict\fill_keys(vec['p', 'q', 'p'], 0);
  echo "fill_keys: ", json_encode($fk), "\n";
  $merged = Dict\merge(dict['a' => 1, 'b' => 2], dict['b' => 20, 'c' => 30], dict['a' => 100]);
  echo "merge: ", json_encode($merged), "\n";
  $fromKeys = Dict\from_keys(vec['dune', 'emma'], $k ==> strtoupper($k));
  echo "from_keys: ", json_encode($fromKeys), "\n";
  $filtered = Dict\filter(Dict\map($byIsbn, $b ==> $b->year), $y ==> $y > 1980);
  echo "dict filter/map: ", json_encode($filtered), "\n";

  echo "find: ", C\find($bs, $b ==> $b->year < 1900)?->title ?? 'none', " / ", C\find($bs, $b ==> $b->year > 2000)?->title ?? 'none', "\n";
  echo "any/every: ", C\any($bs, $b ==> $b->author === 'Simmons') ? 'y' : 'n', C\every($bs, $b ==> $b->year > 1800) ? 'y' : 'n', C\every(vec[], $x ==> false) ? 'y' : 'n', C\any(vec[]) ? 'y' : 'n', "\n";
  echo "first/last: ", C\first($titles), " / ", C\last($titles), " / ", C\first(vec[]) ?? 'null', " / ", C\last(dict['x' => 1, 'y' => 2]), "\n";
  echo "contains: ", C\contains($years, 1984) ? 'y' : 'n', C\contains($years, '1984') ? 'y' : 'n', C\contains_key($byIsbn, '111') ? 'y' : 'n', C\contains_key($byIsbn, 111) ? 'y' : 'n', "\n";
  echo "in_array: ", in_array('1984', $years) ? 'y' : 'n', in_array('1984', $years, true) ? 'y' : 'n', "\n";
  echo "slice/take/drop: ", implode(',', Vec\slice($titles, 2, 2)), " | ", implode(',', Vec\slice($titles, 5)), " | ", implode(',', Vec\take($titles, 0)), " | ", implode(',', Vec\drop($titles, 6)), "\n";
  echo "concat: ", implode(',', Vec\concat(vec[1], vec[], vec[2, 3], vec[4])), " reverse: ", implode(',', Vec\reverse(vec[1, 2, 3])), "\n";
  echo "range: ", implode(',', Vec\range(1, 10, 3)), " | ", implode(',', Vec\range(5, 1)), " | ", implode(',', range(0, 1, 0.25)), " | ", implode(',', range('a', 'e')), "\n";
  echo "fill: ", implode(',', Vec\fill(3, 'z')), " keys: ", implode(',', Vec\keys(dict['a' => 1, 5 => 2])), "\n";
  echo "array_*: ", implode(',', array_keys(dict['x' => 1, 'y' => 2])), " | ", implode(',', array_values(dict['x' => 1, 'y' => 2])), " | ", array_sum(vec[1, 2.5, 3]), " | ", implode(',', array_reverse(vec[1, 2, 3])), " | ", array_key_exists('x', dict['x' => null]) ? 'y' : 'n', "\n";
  echo "math: ", Math\sum($years), ' ', Math\max($years), ' ', Math\min($years), ' ', Math\max(vec[]) ?? 'null', ' ', Math\abs(-5), ' ', Math\floor(2.7), ' ', Math\ceil(2.1), ' ', Math\round(2.456, 2), ' ', Math\int_div(17, 5), ' ', Math\sqrt(16), "\n";
  echo "max/min builtins: ", max(1, 2.5, 2), ' ', min(vec[3, 1, 2]), ' ', max('apple', 'banana'), ' ', max(vec[1, 5], vec[1, 4])[1], "\n";
  echo "idx: ", idx($byIsbn, '999')?->title ?? 'missing', ' ', idx(dict['a' => 0], 'a', 5), ' ', idx(vec[10, 20], 1), ' ', idx(vec[10, 20], 5, 'd'), "\n";
  $sortedBooks = Vec\sort_by($bs, $b ==> $b->year);
  echo "oldest: ", $sortedBooks[0]->title, " newest: ", C\last($sortedBooks)?->title, "\n";
  $byTitleLen = Dict\sort(Dict\map($byIsbn, $b ==> strlen($b->title)));
  echo "title lengths sorted: ", json_encode($byTitleLen), "\n";
  $rev = Dict\sort_by_key($byIsbn, ($a, $b) ==> strcmp((string)$b, (string)$a));
  echo "rev isbn: ", implode(',', Vec\keys($rev)), "\n";
}
