<?hh
// Callbacks that builtins call (Vec\map, Vec\filter, Vec\sort, Dict\from_keys) by closure
// and by function name: memoized functions keep their cache on every call path, exceptions
// thrown in a callback reach the caller's catch, and a hot comparator (compiled in the
// optimized tiers) sorts like the interpreted one.
use namespace HH\Lib\{Vec, Dict, Str};

<<__Memoize>>
function slow_square(int $x): int {
  echo "computing ", $x, "\n";
  return $x * $x;
}

function by_len_then_text(string $a, string $b): int {
  $d = strlen($a) - strlen($b);
  return $d !== 0 ? $d : strcmp($a, $b);
}

function checked_half(int $x): int {
  if ($x % 2 !== 0) {
    throw new InvalidArgumentException("odd: " . $x);
  }
  return intdiv($x, 2);
}

<<__EntryPoint>>
function main(): void {
  $v = vec[3, 4, 3, 4, 5];
  echo Str\join(Vec\map($v, $x ==> slow_square($x)), ","), "\n";
  echo Str\join(Vec\map($v, 'slow_square'), ","), "\n";
  $f = 'slow_square';
  echo $f(5), " ", $f(6), " ", $f(6), "\n";

  // A comparator hot enough to be compiled, by name and as a closure with a capture.
  $words = vec[];
  $seed = 7;
  for ($i = 0; $i < 400; $i++) {
    $seed = ($seed * 1103515245 + 12345) % 2147483648;
    $words[] = Str\slice("abcdefghij", ($seed >> 8) % 7, 1 + ($seed >> 4) % 4);
  }
  $a = Vec\sort($words, 'by_len_then_text');
  $weight = dict['a' => 5, 'b' => 4, 'c' => 3];
  $b = Vec\sort($words, ($x, $y) ==> {
    $wx = $weight[Str\slice($x, 0, 1)] ?? 0;
    $wy = $weight[Str\slice($y, 0, 1)] ?? 0;
    return $wx !== $wy ? $wy - $wx : by_len_then_text($x, $y);
  });
  echo count($a), " ", $a[0], " ", $a[399], " ", Str\join(Vec\take($a, 6), ","), "\n";
  echo Str\join(Vec\take($b, 8), ","), " ... ", $b[399], "\n";
  $h = 0;
  foreach ($b as $i => $w) {
    $h = ($h * 31 + strlen($w) * ($i + 1) + ord($w)) % 1000000007;
  }
  echo "hash ", $h, "\n";

  // Filters and keyed maps with captured state.
  $limit = 3;
  echo Str\join(Vec\filter(vec[1, 5, 2, 8, 3], $x ==> $x > $limit), ","), "\n";
  $d = Dict\from_keys(vec['x', 'y'], $k ==> $k . ":" . $limit);
  foreach ($d as $k => $s) {
    echo $k, "=", $s, "\n";
  }

  // An exception thrown inside a callback, by name and by closure.
  try {
    echo Str\join(Vec\map(vec[2, 4, 6], 'checked_half'), ","), "\n";
    echo Str\join(Vec\map(vec[2, 3, 6], 'checked_half'), ","), "\n";
  } catch (InvalidArgumentException $e) {
    echo "caught ", $e->getMessage(), "\n";
  }
  try {
    Vec\map(vec[1, 2, 3], $x ==> {
      if ($x === 2) {
        throw new Exception("stop at " . $x);
      }
      return $x;
    });
  } catch (Exception $e) {
    echo "caught ", $e->getMessage(), "\n";
  }
  echo "done\n";
}
