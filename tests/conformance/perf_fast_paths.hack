<?hh
// The fast paths of compiled code and of the runtime, against their slow paths' answers:
// `=== null` as a tag compare, `strlen` as a load, string `==` without number parsing when one
// side cannot be numeric, closures with many captures, memoize keys, short and long searches,
// literal strings shared as dict keys. Each runs in a loop hot enough to be compiled.

class Node {
  public function __construct(public int $v, public ?Node $next = null) {}
}

<<__Memoize>>
function memo_tri(int $n): int {
  // A memoized call inside a memoized call (while the outer one builds its key).
  return $n < 1 ? 0 : $n + memo_tri($n - 1);
}

<<__Memoize>>
function memo_mixed(mixed $a, mixed $b): string {
  return gettype($a) . ":" . gettype($b);
}

function nulls(mixed $x, ?Node $n, ?int $i): int {
  $r = 0;
  if ($x === null) { $r += 1; }
  if ($x !== null) { $r += 2; }
  if (null === $n) { $r += 4; }
  if ($n !== null) { $r += 8; }
  if ($i === null) { $r += 16; }
  if (null !== $i) { $r += 32; }
  return $r;
}

function lens(string $s, string $t): int {
  return strlen($s) * 1000 + strlen($t . $s) + strlen("");
}

function loose(string $a, string $b): string {
  return ($a == $b ? "T" : "F") . ($a != $b ? "t" : "f") . ($a < $b ? "<" : ($a > $b ? ">" : "="));
}

<<__EntryPoint>>
function main(): void {
  $list = null;
  for ($i = 0; $i < 50; $i++) {
    $list = new Node($i, $list);
  }
  $values = vec[null, 0, "", false, "0", vec[], 1.5, new Node(1)];
  $acc = 0;
  for ($r = 0; $r < 400; $r++) {
    $n = $list;
    while ($n !== null) {
      $acc += $n->v;
      $n = $n->next;
    }
    foreach ($values as $j => $v) {
      $acc += nulls($v, $j % 2 === 0 ? null : $list, $j % 3 === 0 ? null : $j) * ($j + 1);
    }
    $acc += lens("abc" . ($r % 10), $r % 2 === 0 ? "" : "héllo");
  }
  echo $acc, "\n";

  $pairs = vec[
    vec["1", "1"], vec[" 1", "1"], vec["1 ", "1"], vec["1e1", "10"], vec["abc", "ABC"],
    vec["", "0"], vec["0", "-0"], vec[".5", "0.5"], vec["+1", "1"], vec["x1", "1"],
    vec["10", "9"], vec["abc", "abd"], vec["1abc", "1"], vec["INF", "inf"], vec["-", "-"],
    vec["9223372036854775808", "9223372036854775807"], vec["0x1A", "26"], vec[" ", ""],
  ];
  $out = "";
  for ($r = 0; $r < 200; $r++) {
    foreach ($pairs as $p) {
      $s = loose($p[0], $p[1]);
      if ($r === 199) {
        $out .= $s . " ";
      }
    }
  }
  echo $out, "\n";

  $a = 1; $b = 2; $c = 3; $d = 4; $e = 5; $f = 6; $g = 7; $h = 8; $k = 9;
  $many = (int $x, int $y): int ==> $a + $b * $c - $d + $e * $f - $g + $h * $k + $x * $y;
  $few = (int $x): int ==> $x + $a;
  $sum = 0;
  for ($i = 0; $i < 3000; $i++) {
    $sum += $many($i, 3) + $few($i);
  }
  echo $sum, "\n";

  $m = 0;
  for ($i = 0; $i < 3000; $i++) {
    $m += memo_tri($i % 40);
  }
  echo $m, "\n";
  $keys = vec[null, true, false, 0, 1, -1, 0.0, -0.0, 1.5, "", "0", "a", vec[1, 2], vec["1", 2], dict['a' => 1]];
  $seen = "";
  for ($r = 0; $r < 100; $r++) {
    foreach ($keys as $x) {
      foreach ($keys as $y) {
        $t = memo_mixed($x, $y);
        if ($r === 0 && $x === $y) {
          $seen .= $t . ",";
        }
      }
    }
  }
  echo $seen, "\n";

  $long = str_repeat("ab-cd-", 40) . "end";
  $total = 0;
  $text = "";
  for ($i = 0; $i < 2000; $i++) {
    $short = "k" . ($i % 7) . "-x-k" . ($i % 3) . "-xx";
    $text = str_replace("-x", "+", $short) . "|" . str_replace("x", "", $short);
    $total += count(explode("-", $short)) + count(explode("-", $long)) + (int)strpos($long, "end");
    $total += strlen(str_replace("cd", "CDE", $long)) + (int)strpos($short, "k", 1);
    $total += strlen(str_replace("aa", "b", "aaaaa")) + count(explode("ab", "ababab"));
  }
  echo $total, " ", $text, "\n";

  $rows = vec[];
  for ($i = 0; $i < 100; $i++) {
    $rows[] = dict['id' => $i, 'name' => "n" . $i];
  }
  $ids = 0;
  for ($r = 0; $r < 50; $r++) {
    foreach ($rows as $row) {
      $ids += $row['id'] + strlen($row['name']);
      $ids += isset($row['missing']) ? 1000 : 0;
    }
  }
  echo $ids, "\n";
}
