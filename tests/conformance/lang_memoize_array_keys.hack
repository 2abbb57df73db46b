<?hh
// oracle: hand
// Memoize keys of container arguments are HHVM's serialize_memoize_param: the
// key/value pairs in order, without the container's kind
// (hphp/test/slow/memoize/serialize_memoize_param.php.expect: every empty container
// is =FA=FE; vec[1,2] is 0=>1,1=>2; dict[1=>1,2=>2] and keyset[1,2] are both
// 1=>1,2=>2). Ints and strings pass through unchanged and stay distinct (1 vs '1').
class Cnt { public static int $n = 0; }
<<__Memoize>>
function mixedkey(mixed $x): int { Cnt::$n++; return Cnt::$n; }
<<__EntryPoint>>
function main(): void {
  echo mixedkey(vec[1, 2]), " ", mixedkey(dict[0 => 1, 1 => 2]), " ",
    mixedkey(keyset[1]), " ", mixedkey(dict[1 => 1]), " ", mixedkey(vec[1]), "\n";
  echo mixedkey(vec[]), " ", mixedkey(dict[]), " ", mixedkey(keyset[]), "\n";
  echo mixedkey(dict['0' => 1]), " ", mixedkey(vec[1]), " ", mixedkey(dict[1 => 2, 0 => 1]), " ", mixedkey(vec[2, 1]), "\n";
  echo mixedkey(1), " ", mixedkey('1'), " ", mixedkey(1), "\n";
}
