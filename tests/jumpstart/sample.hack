// Sample program for the Jump-Start tests: a small call graph (C3 order) with a rare branch
// (a cold block) and a function called once (cold function).

function digit_value(string $c): int {
  return ord($c) - 48;
}

function is_digit(string $c): bool {
  $o = ord($c);
  return $o >= 48 && $o <= 57;
}

function parse_number(string $s): int {
  $n = 0;
  for ($i = 0; $i < strlen($s); $i++) {
    $c = substr($s, $i, 1);
    if (!is_digit($c)) {
      // Rare: only for malformed input.
      return -1;
    }
    $n = $n * 10 + digit_value($c);
  }
  return $n;
}

function checksum(int $n, int $acc): int {
  return ($acc * 31 + $n) % 1000003;
}

function report(int $acc, int $bad): void {
  echo "checksum ", $acc, ", bad ", $bad, "\n";
}

<<__EntryPoint>>
function main(): void {
  $acc = 7;
  $bad = 0;
  for ($k = 0; $k < 3000; $k++) {
    $s = (string)($k * 7919);
    if ($k === 1234) {
      $s = "12x4";
    }
    $n = parse_number($s);
    if ($n < 0) {
      $bad++;
    } else {
      $acc = checksum($n, $acc);
    }
  }
  report($acc, $bad);
}
