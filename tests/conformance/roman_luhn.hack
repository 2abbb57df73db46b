<?hh
// Realistic little programs: Roman numeral conversion both ways (with a
// round-trip check over 1..3999) and the Luhn checksum for card numbers,
// including computing a check digit.

function roman_value(string $c): int {
  switch ($c) {
    case "I": return 1;
    case "V": return 5;
    case "X": return 10;
    case "L": return 50;
    case "C": return 100;
    case "D": return 500;
    case "M": return 1000;
    default: return 0;
  }
}

function to_roman(int $n): string {
  $values = "1000 900 500 400 100 90 50 40 10 9 5 4 1";
  $symbols = "M CM D CD C XC L XL X IX V IV I";
  $out = "";
  $vi = 0;
  $si = 0;
  while ($n > 0) {
    $vend = strpos($values, " ", $vi);
    $send = strpos($symbols, " ", $si);
    $v = (int)($vend === false ? substr($values, $vi) : substr($values, $vi, $vend - $vi));
    $sym = $send === false ? substr($symbols, $si) : substr($symbols, $si, $send - $si);
    while ($n >= $v) {
      $out .= $sym;
      $n -= $v;
    }
    $vi = $vend === false ? strlen($values) : $vend + 1;
    $si = $send === false ? strlen($symbols) : $send + 1;
  }
  return $out;
}

function from_roman(string $s): int {
  $total = 0;
  for ($i = 0; $i < strlen($s); $i++) {
    $cur = roman_value($s[$i]);
    $next = $i + 1 < strlen($s) ? roman_value($s[$i + 1]) : 0;
    $total += $cur < $next ? -$cur : $cur;
  }
  return $total;
}

function luhn_sum(string $digits, bool $double_first): int {
  $sum = 0;
  $double = $double_first;
  for ($i = strlen($digits) - 1; $i >= 0; $i--) {
    $ch = $digits[$i];
    if ($ch === " " || $ch === "-") {
      continue;
    }
    $d = ord($ch) - ord("0");
    if ($double) {
      $d *= 2;
      if ($d > 9) {
        $d -= 9;
      }
    }
    $sum += $d;
    $double = !$double;
  }
  return $sum;
}

function luhn_valid(string $number): bool {
  return luhn_sum($number, false) % 10 === 0;
}

function luhn_check_digit(string $partial): int {
  return (10 - luhn_sum($partial, true) % 10) % 10;
}

<<__EntryPoint>>
function main(): void {
  $tests = "1 4 9 14 40 90 400 1666 1994 2024 3999";
  $start = 0;
  while ($start < strlen($tests)) {
    $sp = strpos($tests, " ", $start);
    $end = $sp === false ? strlen($tests) : $sp;
    $n = (int)substr($tests, $start, $end - $start);
    $r = to_roman($n);
    echo str_pad((string)$n, 5, " ", STR_PAD_LEFT), " = ", str_pad($r, 12), " -> ", from_roman($r), "\n";
    $start = $end + 1;
  }
  $bad = 0;
  $longest = "";
  for ($n = 1; $n <= 3999; $n++) {
    $r = to_roman($n);
    if (from_roman($r) !== $n) {
      $bad++;
    }
    if (strlen($r) > strlen($longest)) {
      $longest = $r;
    }
  }
  echo "round-trip failures: ", $bad, "; longest numeral: ", $longest, " (", from_roman($longest), ")\n";
  echo "from_roman(MCMXCIV)=", from_roman("MCMXCIV"), " from_roman(mmxx)=", from_roman("mmxx"), "\n";
  $cards = "4539 1488 0343 6467|8273 1232 7352 0569|4111-1111-1111-1111|1234567812345678|79927398713|0";
  $start = 0;
  while ($start <= strlen($cards)) {
    $bar = strpos($cards, "|", $start);
    $end = $bar === false ? strlen($cards) : $bar;
    $card = substr($cards, $start, $end - $start);
    echo str_pad($card, 20), " ", luhn_valid($card) ? "valid" : "INVALID", "\n";
    $start = $end + 1;
  }
  $base = "7992739871";
  $cd = luhn_check_digit($base);
  echo "check digit for ", $base, " is ", $cd, "; full number valid: ", luhn_valid($base.$cd) ? "yes" : "no", "\n";
}
