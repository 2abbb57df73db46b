<?hh
// <<__Memoize>> on functions and static methods (side effects show each
// distinct argument tuple is computed once; recursion through the memo
// makes exponential recursion linear; vec arguments as keys) and
// invariant() with formatted messages caught as InvariantException.

final class Calls {
  public static int $n = 0;
}

<<__Memoize>>
function ways(int $n): int {
  Calls::$n++;
  if ($n < 0) { return 0; }
  if ($n === 0) { return 1; }
  return ways($n - 1) + ways($n - 3) + ways($n - 4);
}

<<__Memoize>>
function label(string $kind, int $id): string {
  echo "  (building ", $kind, "#", $id, ")\n";
  return Str\uppercase($kind) . "-" . Str\pad_left((string)$id, 4, "0");
}

<<__Memoize>>
function total(vec<int> $xs): int {
  echo "  (summing ", count($xs), " items)\n";
  return array_sum($xs);
}

final class Geo {
  <<__Memoize>>
  public static function dist(int $a, int $b): int {
    echo "  (dist ", $a, "->", $b, ")\n";
    return abs($a - $b) * 10;
  }
}

function withdraw(int $balance, int $amount): int {
  invariant($amount > 0, "amount must be positive, got %d", $amount);
  invariant($amount <= $balance, "cannot withdraw %d from %d (short by %d)", $amount, $balance, $amount - $balance);
  return $balance - $amount;
}

function parse_percent(string $s): int {
  invariant(Str\ends_with($s, "%"), "'%s' has no percent sign", $s);
  $n = Str\to_int(Str\slice($s, 0, strlen($s) - 1));
  invariant($n !== null && $n >= 0 && $n <= 100, "'%s' is not a percentage", $s);
  return $n;
}

<<__EntryPoint>>
function main(): void {
  echo "ways(60) = ", ways(60), " with ", Calls::$n, " calls\n";
  $before = Calls::$n;
  echo "ways(60) again = ", ways(60), ", new calls: ", Calls::$n - $before, "\n";
  echo "ways(61) = ", ways(61), ", new calls: ", Calls::$n - $before, "\n";
  echo label("user", 7), "\n";
  echo label("user", 7), "\n";
  echo label("order", 7), "\n";
  echo label("user", 8), "\n";
  echo label("user", 7), "\n";
  echo total(vec[1, 2, 3]), "\n";
  echo total(vec[1, 2, 3]), "\n";
  echo total(vec[3, 2, 1]), "\n";
  $d1 = Geo::dist(3, 8);
  $d2 = Geo::dist(3, 8);
  $d3 = Geo::dist(8, 3);
  echo $d1, " ", $d2, " ", $d3, "\n";
  $balance = 100;
  foreach (vec[30, 0, 80, 70, -5] as $amt) {
    try {
      $balance = withdraw($balance, $amt);
      echo "withdrew ", $amt, ", balance ", $balance, "\n";
    } catch (InvariantException $e) {
      echo "invariant: ", $e->getMessage(), "\n";
    }
  }
  foreach (vec["50%", "100%", "150%", "abc", "x%"] as $s) {
    try {
      $pct = parse_percent($s);
      echo $s, " -> ", $pct, "\n";
    } catch (InvariantException $e) {
      echo $s, " -> error: ", $e->getMessage(), "\n";
    }
  }
  try {
    invariant(false, "100%% sure: %s/%d", "str", 5);
  } catch (Exception $e) {
    echo "as Exception: ", $e->getMessage(), "\n";
  }
}
