<?hh
// oracle: hand
// Hot polymorphic helpers: the same small functions see ints, floats, strings, nulls, bools,
// containers and objects across thousands of calls (so profiles, speculation, guards and
// deoptimization all get exercised), with results folded into checksums printed per phase.

final class P { public function __construct(public mixed $v) {} }

function add(mixed $a, mixed $b): mixed {
  if ($a is string || $b is string) return (string)$a . (string)$b;
  if ($a is num && $b is num) return $a + $b;
  return null;
}
function cmp3(mixed $a, mixed $b): int { return $a <=> $b; }
function truthy(mixed $v): bool { return (bool)$v; }
function weight(mixed $v): int {
  if ($v === null) return 0;
  if ($v is bool) return $v ? 1 : 2;
  if ($v is int) return $v % 97;
  if ($v is float) return (int)($v * 3) % 89;
  if ($v is string) return strlen($v) * 7;
  if ($v is vec<_>) return count($v) * 11;
  if ($v is dict<_, _>) return count($v) * 13;
  if ($v is P) return 17 + weight($v->v);
  return 19;
}
function fmtv(mixed $v): string {
  if ($v === null) return 'N';
  if ($v is bool) return $v ? 'T' : 'F';
  if ($v is float) return 'f' . (string)$v;
  if ($v is int) return 'i' . $v;
  if ($v is string) return 's' . $v;
  return '?';
}
function coalesce(?int $a, ?int $b): int { return $a ?? $b ?? -1; }
function idxOr(dict<string, int> $d, string $k): int { return $d[$k] ?? ($k |> ord($$[0]) |> -$$); }
function sw(mixed $v): string {
  switch ($v) {
    case 0: return 'zero';
    case 1: return 'one';
    case '2': return 'TWO';
    case 2.5: return 'twohalf';
    case null: return 'null';
    default: return 'other';
  }
}

<<__EntryPoint>>
function main(): void {
  $pool = vec[0, 1, -7, 42, PHP_INT_MAX, 0.0, 1.5, -2.25, 1e10, '', '0', 'abc', '12', null, true, false, vec[1, 2], dict['a' => 1], new P(3), new P('xy'), new P(null)];
  $n = count($pool);
  $phase = 0;
  foreach (vec[3000, 3000, 3000] as $iters) {
    $phase++;
    $w = 0; $t = 0; $s = ''; $c = 0;
    for ($i = 0; $i < $iters; $i++) {
      // phase-dependent index pattern: phase 1 ints only, phase 2 adds floats/strings, phase 3 everything
      $lim = $phase === 1 ? 5 : ($phase === 2 ? 13 : $n);
      $a = $pool[($i * 7) % $lim];
      $b = $pool[($i * 3 + 1) % $lim];
      $w += weight($a) + weight($b);
      if (truthy($a)) $t++;
      if (!($a is vec<_> || $a is dict<_, _> || $a is P || $b is vec<_> || $b is dict<_, _> || $b is P)) {
        $r = add($a, $b);
        if ($i % 257 === 0) $s .= fmtv($r) . ';';
        if (!($a is string) && !($b is string)) $c += cmp3($a, $b);
      }
    }
    echo "phase $phase: w=$w t=$t c=$c s=$s\n";
  }
  $acc = 0;
  for ($i = 0; $i < 5000; $i++) {
    $acc += coalesce($i % 3 === 0 ? null : $i, $i % 5 === 0 ? null : 2);
  }
  echo "coalesce acc=$acc\n";
  $d = dict['a' => 1, 'b' => 2];
  $acc = 0;
  for ($i = 0; $i < 3000; $i++) $acc += idxOr($d, $i % 4 === 0 ? 'a' : ($i % 4 === 1 ? 'b' : 'zed'));
  echo "idx acc=$acc\n";
  $counts = dict[];
  $svals = vec[0, 1, '2', 2.5, null, '1', 1.0, '0', false, true, 3, '2.0'];
  for ($i = 0; $i < 2400; $i++) {
    $r = sw($svals[$i % count($svals)]);
    $counts[$r] = ($counts[$r] ?? 0) + 1;
  }
  echo "switch: ", json_encode($counts), "\n";
  foreach ($svals as $v) echo sw($v), ' ';
  echo "\n";
}
