<?hh
// foreach over dicts in compiled code: entries read in place, deleted entries (tombstones)
// skipped, keysets and vecs through the same loop, empty and emptied dicts, a dict changed
// by the loop body (the loop walks the value it started with).

function sum_values(mixed $c): int {
  $t = 0;
  foreach ($c as $v) {
    $t += $v is int ? $v : strlen((string)$v);
  }
  return $t;
}

function keys_and_values(dict<arraykey, mixed> $d): string {
  $s = "";
  foreach ($d as $k => $v) {
    $s .= $k . "=" . ($v is string ? $v : (string)($v is int ? $v : -1)) . ";";
  }
  return $s;
}

<<__EntryPoint>>
function main(): void {
  $d = dict[];
  for ($i = 0; $i < 40; $i++) {
    $d[$i % 2 === 0 ? "k" . $i : $i] = $i % 5 === 0 ? "s" . $i : $i;
  }
  $holes = $d;
  foreach (vec[0, 2, 3, 10, 39, 38, 1] as $i) {
    unset($holes[$i % 2 === 0 ? "k" . $i : $i]);
  }
  $empty = dict[];
  $emptied = dict["a" => 1, "b" => 2];
  unset($emptied["a"]);
  unset($emptied["b"]);
  $containers = vec[$d, $holes, $empty, $emptied, keyset[3, "x", 5], vec[1, 2, 3], dict[7 => 7]];
  $total = 0;
  $text = "";
  for ($r = 0; $r < 300; $r++) {
    foreach ($containers as $c) {
      $total += sum_values($c);
    }
    $text = keys_and_values($holes) . "|" . keys_and_values($emptied) . "|" . keys_and_values(dict[-1 => "neg"]);
  }
  echo $total, "\n", $text, "\n";

  // The body changes the dict it walks: the walk sees the dict as it was.
  $m = dict["a" => 1, "b" => 2, "c" => 3];
  $seen = vec[];
  foreach ($m as $k => $v) {
    unset($m["b"]);
    $m["z" . $k] = $v * 10;
    $seen[] = $k . $v;
  }
  echo implode(",", $seen), " ", implode(",", Vec\keys($m)), "\n";

  // Nested walks of one dict, with a tombstone at the start and at the end.
  $n = dict["x" => 1, "y" => 2, "z" => 3, "w" => 4];
  unset($n["x"]);
  unset($n["w"]);
  $pairs = 0;
  for ($r = 0; $r < 500; $r++) {
    foreach ($n as $k1 => $a) {
      foreach ($n as $k2 => $b) {
        $pairs += $a * $b + ($k1 === $k2 ? 1 : 0);
      }
    }
  }
  echo $pairs, "\n";
}
