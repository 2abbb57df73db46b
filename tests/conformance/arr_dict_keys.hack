<?hh
// Dict and keyset key semantics: int vs string keys (never coerced in Hack arrays: "1" and 1
// are different keys), non-canonical numeric strings, extreme int keys, insertion order after
// overwrite / unset / re-insert, growth to 40000 entries then deleting most then inserting
// more, missing-key lookups with `??`, idx, isset, C\contains_key, dict equality (== ignores
// order, === does not), keyset growth/shrink and set operations, copy-on-write in a hot loop.
use namespace HH\Lib\{C, Vec, Dict, Keyset, Str};

function show(dict<arraykey, mixed> $d): string {
  $parts = vec[];
  foreach ($d as $k => $v) {
    $parts[] = (is_int($k) ? "i" : "s") . $k . "=" . (string)$v;
  }
  return count($d) . "{" . Str\join($parts, " ") . "}";
}

function fingerprint(dict<arraykey, int> $d): int {
  $h = 17;
  foreach ($d as $k => $v) {
    $kh = is_int($k) ? $k : strlen($k) * 1000 + crc32($k) % 1000;
    $h = ($h * 31 + $kh * 7 + $v) % 1000000007;
  }
  return $h;
}

<<__EntryPoint>>
function main(): void {
  // Non-canonical numeric strings stay strings, also in PHP.
  $d = dict['01' => 1, '1.5' => 2, ' 3' => 3, '-0' => 4, '' => 5, '9223372036854775808' => 6, '0x1' => 7];
  $d[PHP_INT_MAX] = 8;
  $d[PHP_INT_MIN] = 9;
  $d[-7] = 10;
  echo show($d), "\n";
  echo $d['01'] + $d['-0'] + $d[''] + $d[-7], " ", $d['1'] ?? 'no1', " ", $d[1] ?? 'noi1', " ", $d[0] ?? 'no0', "\n";
  echo isset($d['1.5']) ? "Y" : "N", isset($d[15]) ? "Y" : "N", C\contains_key($d, '') ? "Y" : "N",
    array_key_exists(PHP_INT_MIN, $d) ? "Y" : "N", idx($d, 'zz', 'dflt'), idx($d, ' 3'), "\n";

  // Canonical numeric strings are not coerced either (PHP would coerce: hand oracle lines).
  $m = dict[1 => 'int', '1' => 'str', '-2' => 'sm2'];
  $m['2'] = 'two';
  $m[2] = 'TWO';
  unset($m['1']);
  echo show($m), " ", $m[1], " ", $m['1'] ?? '-', " ", $m[-2] ?? '-', " ", keyset['5', 5, '5'] |> count($$), "\n";

  // Overwrite keeps the position; unset then re-insert moves the key to the end.
  $o = dict['a' => 1, 2 => 2, 'c' => 3, 4 => 4];
  $o['a'] = 10;
  $o[4] = 40;
  unset($o[2]);
  unset($o['missing']);
  $o[2] = 20;
  $o['z'] = 26;
  unset($o['c']);
  $o['c'] = 30;
  echo show($o), " ", Str\join(Vec\keys($o), ","), " ", Str\join(array_values($o), ","), "\n";

  // Equality.
  $p = dict['x' => 1, 'y' => 2];
  $q = dict['y' => 2, 'x' => 1];
  $r = dict['x' => 1, 'y' => 2.0];
  echo ($p == $q ? "eq" : "ne"), ($p === $q ? " id" : " nid"), ($p == $r ? " eq" : " ne"), ($p === $r ? " id" : " nid"),
    (dict['n' => $p] == dict['n' => $q] ? " neq" : " nne"), (keyset[1, 2] == keyset[2, 1] ? " keq" : " kne"),
    (keyset[1, 2] === keyset[2, 1] ? " kid" : " knid"), (dict[] == dict['x' => null] ? " e" : " ne"), "\n";

  // Growth to 40000 keys, delete ~95%, insert again: order and lookups.
  $big = dict[];
  for ($i = 0; $i < 40000; $i++) {
    $k = ($i * 7919) % 40000;
    if ($i % 2 === 0) { $big[$k] = $i; } else { $big['k' . $k] = $i; }
  }
  echo count($big), " ", fingerprint($big), " ", $big[0], " ", $big['k7919'], "\n";
  for ($i = 0; $i < 40000; $i++) {
    if ($i % 20 !== 3) {
      $k = ($i * 7919) % 40000;
      if ($i % 2 === 0) { unset($big[$k]); } else { unset($big['k' . $k]); }
    }
  }
  echo count($big), " ", fingerprint($big), " ", Str\join(Vec\take(Vec\keys($big), 4), ","), "\n";
  for ($i = 0; $i < 5000; $i++) {
    $big[$i * 3] = $i;
    $big['n' . ($i % 1000)] = $i;
  }
  $hits = 0;
  $miss = 0;
  for ($i = 0; $i < 60000; $i++) {
    $v = $big[$i] ?? null;
    if ($v === null) { $miss++; } else { $hits += $v % 7; }
    if (idx($big, 'k' . $i) !== null) { $hits++; }
  }
  echo count($big), " ", fingerprint($big), " hits=", $hits, " miss=", $miss, " last=", C\last($big), "\n";

  // Keysets: growth, removal, re-insert order, set operations.
  $ks = keyset[];
  for ($i = 0; $i < 20000; $i++) {
    $ks[] = ($i * 37) % 20000;
    $ks[] = 's' . ($i % 500);
  }
  for ($i = 0; $i < 20000; $i += 3) { unset($ks[$i]); }
  $ks[] = 0;
  $ks[] = 's0';
  echo count($ks), " ", C\first($ks), " ", C\last($ks), " ", C\contains($ks, 3) ? "has3" : "no3", " ",
    C\contains_key($ks, 's499') ? "s499" : "-", "\n";
  $a = keyset['b', 3, 'a', 1];
  $b = keyset[1, 'a', 'x', 9];
  echo Str\join(Keyset\union($a, $b), ","), " ", Str\join(Keyset\intersect($a, $b), ","), " ",
    Str\join(Keyset\diff($a, $b), ","), " ", Str\join(Dict\flip(vec['p', 'q', 'p']), ","), "\n";
  foreach (Dict\merge(dict['a' => 1, 5 => 2], dict[5 => 50, 'b' => 3], dict['a' => 100]) as $k => $v) { echo $k, "=", $v, " "; }
  foreach (Dict\from_entries(vec[vec['x', 1], vec[7, 2], vec['x', 3]]) as $k => $v) { echo $k, "=", $v, " "; }
  echo "\n";

  // Copy-on-write: a copy mutated in a hot loop leaves the original alone.
  $orig = dict['a' => 0, 'b' => 0];
  $sum = 0;
  for ($i = 0; $i < 5000; $i++) {
    $c = $orig;
    $c['a'] = $i;
    $c[$i % 10] = 1;
    unset($c['b']);
    $sum += count($c) + $c['a'];
  }
  echo $sum, " ", show($orig), "\n";
}
