<?hh
// Recursion and mutual recursion: even/odd, Ackermann, Hanoi move strings,
// recursive string functions, a recursive-descent evaluator over a string,
// and deep (but bounded) recursion.

function is_even(int $n): bool {
  return $n === 0 ? true : is_odd($n - 1);
}

function is_odd(int $n): bool {
  return $n === 0 ? false : is_even($n - 1);
}

function ack(int $m, int $n): int {
  if ($m === 0) {
    return $n + 1;
  }
  if ($n === 0) {
    return ack($m - 1, 1);
  }
  return ack($m - 1, ack($m, $n - 1));
}

function hanoi(int $n, string $from, string $to, string $via): string {
  if ($n === 0) {
    return "";
  }
  return hanoi($n - 1, $from, $via, $to).$from.$to." ".hanoi($n - 1, $via, $to, $from);
}

function rev(string $s): string {
  return strlen($s) <= 1 ? $s : rev(substr($s, 1)).$s[0];
}

function binary(int $n): string {
  return $n < 2 ? (string)$n : binary(intdiv($n, 2)).(string)($n % 2);
}

function count_down_sum(int $n): int {
  return $n === 0 ? 0 : $n + count_down_sum($n - 1);
}

// expr := term (('+'|'-') term)* ; term := factor (('*') factor)* ;
// factor := digit | '(' expr ')'. Position is threaded through return values
// encoded as value * 1000 + next position.
function parse_expr(string $s, int $pos): int {
  $r = parse_term($s, $pos);
  $val = intdiv($r, 1000);
  $pos = $r % 1000;
  while ($pos < strlen($s) && ($s[$pos] === "+" || $s[$pos] === "-")) {
    $op = $s[$pos];
    $r = parse_term($s, $pos + 1);
    $val = $op === "+" ? $val + intdiv($r, 1000) : $val - intdiv($r, 1000);
    $pos = $r % 1000;
  }
  return $val * 1000 + $pos;
}

function parse_term(string $s, int $pos): int {
  $r = parse_factor($s, $pos);
  $val = intdiv($r, 1000);
  $pos = $r % 1000;
  while ($pos < strlen($s) && $s[$pos] === "*") {
    $r = parse_factor($s, $pos + 1);
    $val *= intdiv($r, 1000);
    $pos = $r % 1000;
  }
  return $val * 1000 + $pos;
}

function parse_factor(string $s, int $pos): int {
  if ($s[$pos] === "(") {
    $r = parse_expr($s, $pos + 1);
    return intdiv($r, 1000) * 1000 + ($r % 1000) + 1;
  }
  return (ord($s[$pos]) - 48) * 1000 + $pos + 1;
}

function evaluate(string $s): int {
  return intdiv(parse_expr($s, 0), 1000);
}

<<__EntryPoint>>
function main(): void {
  echo is_even(10) ? "10 even" : "10 odd", ", ", is_odd(7) ? "7 odd" : "7 even", ", ", is_even(501) ? "501 even" : "501 odd", "\n";
  echo "ack(2,3)=", ack(2, 3), " ack(3,3)=", ack(3, 3), " ack(1,10)=", ack(1, 10), "\n";
  echo "hanoi(3): ", hanoi(3, "A", "C", "B"), "\n";
  echo "hanoi(4) length: ", strlen(hanoi(4, "A", "C", "B")), "\n";
  echo rev("recursion"), " ", rev("a"), " ", rev(""), "|\n";
  echo binary(0), " ", binary(5), " ", binary(255), " ", binary(1024), "\n";
  echo "sum 1..2000 = ", count_down_sum(2000), "\n";
  echo "2+3*4 = ", evaluate("2+3*4"), "\n";
  echo "(2+3)*4 = ", evaluate("(2+3)*4"), "\n";
  echo "9*(8-(7-6))-2*3 = ", evaluate("9*(8-(7-6))-2*3"), "\n";
  echo "((1+2)*(3+4))*5-6 = ", evaluate("((1+2)*(3+4))*5-6"), "\n";
}
