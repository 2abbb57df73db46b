<?hh
// oracle: hand
// Int keys that differ only in their high bits (multiples of 2^47, 2^40, 2^52; negative ones)
// hash apart: 100,000 dict inserts and lookups and keyset appends stay linear (HHVM hashes int
// keys with hash_int64, a full 64-bit mix). Before, the low bits of jsvm's int hash were the
// same for all of them: one probe chain, quadratic (50,000 keys << 48 took 7 s).
<<__EntryPoint>>
function main(): void {
  foreach (vec[47, 40, 52] as $sh) {
    $n = $sh === 52 ? 4096 : 100000;
    $d = dict[];
    for ($i = 0; $i < $n; $i++) { $d[$i << $sh] = $i; }
    $s = 0;
    for ($i = 0; $i < $n; $i++) { $s += $d[$i << $sh]; }
    $k = keyset[];
    for ($i = 0; $i < $n; $i++) { $k[] = -($i << $sh); }
    $hits = 0;
    for ($i = 0; $i < $n; $i += 3) { if (C\contains_key($k, -($i << $sh))) { $hits++; } }
    echo $sh, ' ', count($d), ' ', $s, ' ', count($k), ' ', $hits, "\n";
  }
}
