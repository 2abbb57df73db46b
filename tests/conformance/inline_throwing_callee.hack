<?hh
// Inlined callees that may throw: small functions called hot from callers without a `try`
// (`opt::inline` copies them in once the callers compile). A rare throw must leave the caller
// exactly as the call would have: to the `try` in the caller's caller, with the same message,
// and an uncaught one gives the same fatal line in every tier.

function checked_div(int $a, int $b): int {
  if ($b === 0) {
    throw new InvalidArgumentException("division by zero at a=" . $a);
  }
  return intdiv($a, $b);
}

function ratio_sum(int $n, int $zero_at): int {
  $s = 0;
  for ($i = 1; $i <= $n; $i++) {
    $d = $i === $zero_at ? 0 : $i % 7 + 1;
    $s += checked_div($i * 100, $d);
  }
  return $s;
}

function parse_digit(string $c): int {
  $o = ord($c) - 48;
  if ($o < 0 || $o > 9) {
    throw new Exception("not a digit: " . $c);
  }
  return $o;
}

function digits_sum(string $s): int {
  $t = 0;
  for ($i = 0; $i < strlen($s); $i++) {
    $t += parse_digit(substr($s, $i, 1));
  }
  return $t;
}

<<__EntryPoint>>
function main(): void {
  $total = 0;
  for ($round = 0; $round < 40; $round++) {
    try {
      $total += ratio_sum(200, $round % 10 === 9 ? 150 : 0);
    } catch (InvalidArgumentException $e) {
      echo "round ", $round, ": ", $e->getMessage(), "\n";
    }
  }
  echo "total ", $total, "\n";
  $ok = 0;
  foreach (vec["12345", "987", "12a4", "000", "9x"] as $s) {
    try {
      $ok += digits_sum($s);
    } catch (Exception $e) {
      echo $e->getMessage(), "\n";
    }
  }
  echo "ok ", $ok, "\n";
  echo digits_sum("1?"), "\n";
}
