<?hh
// oracle: hand
// Text tools: LCS line diff, edit distance with a 2-row DP, soundex, word frequencies,
// string builtins at their edges (negative offsets, limits, multi-char pads, vec searches).

function lcsDiff(vec<string> $a, vec<string> $b): vec<string> {
  $n = count($a); $m = count($b);
  $dp = Vec\fill($n + 1, Vec\fill($m + 1, 0));
  for ($i = $n - 1; $i >= 0; $i--) {
    for ($j = $m - 1; $j >= 0; $j--) {
      $dp[$i][$j] = $a[$i] === $b[$j] ? $dp[$i + 1][$j + 1] + 1 : max($dp[$i + 1][$j], $dp[$i][$j + 1]);
    }
  }
  $out = vec[];
  $i = 0; $j = 0;
  while ($i < $n && $j < $m) {
    if ($a[$i] === $b[$j]) { $out[] = '  ' . $a[$i]; $i++; $j++; }
    else if ($dp[$i + 1][$j] >= $dp[$i][$j + 1]) { $out[] = '- ' . $a[$i]; $i++; }
    else { $out[] = '+ ' . $b[$j]; $j++; }
  }
  while ($i < $n) { $out[] = '- ' . $a[$i]; $i++; }
  while ($j < $m) { $out[] = '+ ' . $b[$j]; $j++; }
  return $out;
}

function editDistance(string $s, string $t): int {
  $m = strlen($t);
  $prev = Vec\range(0, $m);
  for ($i = 1; $i <= strlen($s); $i++) {
    $cur = vec[$i];
    for ($j = 1; $j <= $m; $j++) {
      $cost = $s[$i - 1] === $t[$j - 1] ? 0 : 1;
      $cur[] = min($prev[$j] + 1, $cur[$j - 1] + 1, $prev[$j - 1] + $cost);
    }
    $prev = $cur;
  }
  return $prev[$m];
}

function my_soundex(string $w): string {
  $codes = dict['b' => 1, 'f' => 1, 'p' => 1, 'v' => 1, 'c' => 2, 'g' => 2, 'j' => 2, 'k' => 2, 'q' => 2,
    's' => 2, 'x' => 2, 'z' => 2, 'd' => 3, 't' => 3, 'l' => 4, 'm' => 5, 'n' => 5, 'r' => 6];
  $w = strtolower($w);
  if ($w === '') return '';
  $out = strtoupper($w[0]);
  $last = $codes[$w[0]] ?? 0;
  for ($i = 1; $i < strlen($w) && strlen($out) < 4; $i++) {
    $ch = $w[$i];
    $c = $codes[$ch] ?? 0;
    if ($c !== 0 && $c !== $last) $out .= (string)$c;
    if ($ch !== 'h' && $ch !== 'w') $last = $c;
  }
  return str_pad($out, 4, '0');
}

<<__EntryPoint>>
function main(): void {
  $old = "The quick brown fox\njumps over\nthe lazy dog.\nEnd of story.\n\nFin";
  $new = "The quick brown fox\nleaps over\nthe lazy dog.\nA new line\nEnd of story.\nFin";
  foreach (lcsDiff(explode("\n", $old), explode("\n", $new)) as $l) echo "|$l|\n";

  $pairs = vec[vec['kitten', 'sitting'], vec['', 'abc'], vec['flaw', 'lawn'], vec['hhvm', 'hack'], vec['same', 'same'], vec['intention', 'execution']];
  foreach ($pairs as list($a, $b)) echo "ed($a,$b)=", editDistance($a, $b), "\n";
  foreach (vec['Robert', 'Rupert', 'Rubin', 'Ashcraft', 'Tymczak', 'Pfister', 'Honeyman', 'A', ''] as $n) echo my_soundex($n), ' ';
  echo "\n";

  $text = "It was the best of times, it was the worst of times; it was the age of wisdom... It was!";
  $words = Vec\filter(explode(' ', strtolower(str_replace(vec[',', ';', '.', '!'], '', $text))), $w ==> $w !== '');
  $freq = Dict\count_values($words);
  $top = Vec\take(Vec\sort(Vec\keys($freq), ($x, $y) ==> ($freq[$y] <=> $freq[$x]) ?: strcmp((string)$x, (string)$y)), 5);
  foreach ($top as $w) echo "  $w: ", $freq[$w], "\n";

  // builtins at their edges
  $s = 'Hello, World';
  echo substr($s, -5), '|', substr($s, -5, 2), '|', substr($s, 3, -3), '|', substr($s, 20) === '' ? 'empty' : 'x', '|', substr($s, -20, 3), "\n";
  echo strpos($s, 'o'), ' ', strpos($s, 'o', 5), ' ', strrpos($s, 'o'), ' ', strpos($s, 'o', -4), ' ', var_export_b(strpos($s, 'z')), "\n";
  echo implode('/', explode(',', 'a,b,,c,')), ' ', count(explode(',', 'a,b,c', 2)), ' ', implode('/', explode(',', 'a,b,c,d', -2)), ' ', implode('/', explode('::', 'x::y::z')), "\n";
  echo str_pad('7', 6, 'ab', STR_PAD_LEFT), ' ', str_pad('7', 6, 'ab', STR_PAD_BOTH), ' ', str_pad('toolong', 3), ' ', str_pad('x', 4, '-', STR_PAD_RIGHT), "\n";
  echo str_replace(vec['a', 'b'], vec['b', 'c'], 'aabbcc'), ' ', str_replace('l', '', 'hello world'), ' ', str_replace(vec['x', 'y'], 'Z', 'xyzzy'), "\n";
  echo trim('  xx  '), '|', rtrim('xxhixx', 'x'), '|', ltrim('0012', '0'), '|', trim('[abc]', '[]'), '|', trim("\t\n v \0"), "|\n";
  echo ucfirst('élan'), ' ', ucfirst('hack'), ' ', strtoupper('mixed Case 9'), ' ', strrev('abc def'), ' ', str_repeat('=-', 4), "\n";
  echo implode(',', str_split('abcdefg', 3)), ' ', ord('A'), ' ', chr(97), chr(256 + 98), ' ', strcmp('a', 'b') < 0 ? 'lt' : 'ge', ' ', strcmp('b', 'a') > 0 ? 'gt' : 'le', ' ', strcmp('x', 'x'), "\n";
  echo Str\join(vec['a', 'b'], '-'), ' ', implode(',', Str\split('a.b.c', '.')), ' ', Str\slice('abcdef', 2, 3), ' ', Str\slice('abcdef', 4), ' ', Str\pad_left('5', 3, '0'), ' ', Str\pad_right('5', 3, '*'), "\n";
  echo Str\contains('haystack', 'st') ? 'y' : 'n', Str\starts_with('haystack', 'hay') ? 'y' : 'n', Str\ends_with('haystack', 'stack') ? 'y' : 'n', ' ', Str\search('haystack', 'a') ?? -1, ' ', Str\search('haystack', 'q') ?? -1, ' ', Str\replace('a-b-c', '-', '+'), ' ', Str\trim('  t  '), ' ', Str\to_int('42') ?? -1, ' ', Str\to_int('4x') ?? -1, "\n";
  echo Str\format('%05.1f|%-4s|%3d', 3.14159, 'ab', 7), ' ', Str\repeat('ab', 3), ' ', Str\length('hello'), ' ', Str\uppercase('up'), Str\lowercase('DOWN'), "\n";
  echo htmlspecialchars("<a href='x'>T&amp;C \"q\"</a>"), "\n";
  echo json_encode(dict['k' => "line\nbreak", 'u' => "\u{263A}", 'q' => '"', 's' => '/', 'n' => vec[1.0, 0.1, -0.0, 1e25]]), "\n";
  echo number_format(1234567.891), ' ', number_format(1234567.891, 2), ' ', number_format(0.5), ' ', number_format(-1234.567, 1), ' ', number_format(0.0), "\n";
  echo intval('0x1A', 16), ' ', intval('012', 0), ' ', intval('101', 2), ' ', intval('  12abc'), ' ', hexdec('ff'), ' ', dechex(255), ' ', crc32('hello'), "\n";
}

function var_export_b(mixed $x): string { return $x === false ? 'false' : (string)$x; }
