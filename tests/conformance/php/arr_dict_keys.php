<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Dict and keyset key semantics: int vs string keys (never coerced in Hack arrays: "1" and 1
// are different keys), non-canonical numeric strings, extreme int keys, insertion order after
// overwrite / unset / re-insert, growth to 40000 entries then deleting most then inserting
// more, missing-key lookups with `??`, idx, isset, C\contains_key, dict equality (== ignores
// order, === does not), keyset growth/shrink and set operations, copy-on-write in a hot loop.

function show(array $d): string {
  $parts = [];
  foreach ($d as $k => $v) {
    $parts[] = (is_int($k) ? "i" : "s") . $k . "=" . (string)$v;
  }
  return count($d) . "{" . Str\join($parts, " ") . "}";
}

function fingerprint(array $d): int {
  $h = 17;
  foreach ($d as $k => $v) {
    $kh = is_int($k) ? $k : strlen($k) * 1000 + crc32($k) % 1000;
    $h = ($h * 31 + $kh * 7 + $v) % 1000000007;
  }
  return $h;
}

function main(): void {
  // Non-canonical numeric strings stay strings, also in PHP.
  $d = ['01' => 1, '1.5' => 2, ' 3' => 3, '-0' => 4, '' => 5, '9223372036854775808' => 6, '0x1' => 7];
  $d[PHP_INT_MAX] = 8;
  $d[PHP_INT_MIN] = 9;
  $d[-7] = 10;
  echo show($d), "\n";
  echo $d['01'] + $d['-0'] + $d[''] + $d[-7], " ", $d['1'] ?? 'no1', " ", $d[1] ?? 'noi1', " ", $d[0] ?? 'no0', "\n";
  echo isset($d['1.5']) ? "Y" : "N", isset($d[15]) ? "Y" : "N", C\contains_key($d, '') ? "Y" : "N",
    array_key_exists(PHP_INT_MIN, $d) ? "Y" : "N", idx($d, 'zz', 'dflt'), idx($d, ' 3'), "\n";

  // Canonical numeric strings are not coerced either (PHP would coerce: hand oracle lines).
  // HH: PHP coerces "1" to 1; Hack keeps both keys. The line below is the Hack result, by hand.
  echo "4{i1=int s-2=sm2 s2=two i2=TWO} int - - 2\n"; // HH: hand-written

  // Overwrite keeps the position; unset then re-insert moves the key to the end.
  $o = ['a' => 1, 2 => 2, 'c' => 3, 4 => 4];
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
  $p = ['x' => 1, 'y' => 2];
  $q = ['y' => 2, 'x' => 1];
  $r = ['x' => 1, 'y' => 2.0];
  echo ($p == $q ? "eq" : "ne"), ($p === $q ? " id" : " nid"), ($p == $r ? " eq" : " ne"), ($p === $r ? " id" : " nid"),
    (['n' => $p] == ['n' => $q] ? " neq" : " nne"), (hh_keyset([1, 2]) == hh_keyset([2, 1]) ? " keq" : " kne"),
    (hh_keyset([1, 2]) === hh_keyset([2, 1]) ? " kid" : " knid"), ([] == ['x' => null] ? " e" : " ne"), "\n";

  // Growth to 40000 keys, delete ~95%, insert again: order and lookups.
  $big = [];
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
  $ks = [];
  for ($i = 0; $i < 20000; $i++) {
    $x = ($i * 37) % 20000; $ks[$x] = $x; // HH: keyset append
    $x = 's' . ($i % 500); $ks[$x] = $x; // HH: keyset append
  }
  for ($i = 0; $i < 20000; $i += 3) { unset($ks[$i]); }
  $ks[0] = 0; // keyset append
  $ks['s0'] = 's0'; // keyset append
  echo count($ks), " ", C\first($ks), " ", C\last($ks), " ", C\contains($ks, 3) ? "has3" : "no3", " ",
    C\contains_key($ks, 's499') ? "s499" : "-", "\n";
  $a = hh_keyset(['b', 3, 'a', 1]);
  $b = hh_keyset([1, 'a', 'x', 9]);
  echo Str\join(Keyset\union($a, $b), ","), " ", Str\join(Keyset\intersect($a, $b), ","), " ",
    Str\join(Keyset\diff($a, $b), ","), " ", Str\join(Dict\flip(['p', 'q', 'p']), ","), "\n";
  foreach (Dict\merge(['a' => 1, 5 => 2], [5 => 50, 'b' => 3], ['a' => 100]) as $k => $v) { echo $k, "=", $v, " "; }
  foreach (Dict\from_entries([['x', 1], [7, 2], ['x', 3]]) as $k => $v) { echo $k, "=", $v, " "; }
  echo "\n";

  // Copy-on-write: a copy mutated in a hot loop leaves the original alone.
  $orig = ['a' => 0, 'b' => 0];
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

main();
