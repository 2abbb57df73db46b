<?hh
// Conway's Game of Life two ways: a bounded grid of strings (vec<string>)
// and an unbounded sparse set of live cells (keyset<string> of "x,y"),
// with a glider, a blinker, period detection and population history.

function step_grid(vec<string> $g): vec<string> {
  $h = count($g);
  $w = strlen($g[0]);
  $out = vec[];
  for ($y = 0; $y < $h; $y++) {
    $row = "";
    for ($x = 0; $x < $w; $x++) {
      $n = 0;
      for ($dy = -1; $dy <= 1; $dy++) {
        for ($dx = -1; $dx <= 1; $dx++) {
          if ($dx === 0 && $dy === 0) { continue; }
          $yy = $y + $dy;
          $xx = $x + $dx;
          if ($yy >= 0 && $yy < $h && $xx >= 0 && $xx < $w && $g[$yy][$xx] === "#") { $n++; }
        }
      }
      $alive = $g[$y][$x] === "#";
      $row .= ($n === 3 || ($alive && $n === 2)) ? "#" : ".";
    }
    $out[] = $row;
  }
  return $out;
}

function cell_key(int $x, int $y): string { return $x . "," . $y; }

function step_sparse(keyset<string> $live): keyset<string> {
  $counts = dict[];
  foreach ($live as $cell) {
    list($x, $y) = Vec\map(explode(",", $cell), $s ==> (int)$s);
    for ($dy = -1; $dy <= 1; $dy++) {
      for ($dx = -1; $dx <= 1; $dx++) {
        if ($dx === 0 && $dy === 0) { continue; }
        $k = cell_key($x + $dx, $y + $dy);
        $counts[$k] = ($counts[$k] ?? 0) + 1;
      }
    }
  }
  $next = keyset[];
  foreach ($counts as $k => $n) {
    if ($n === 3 || ($n === 2 && C\contains_key($live, $k))) { $next[] = $k; }
  }
  return $next;
}

function bbox(keyset<string> $live): string {
  $xs = vec[];
  $ys = vec[];
  foreach ($live as $cell) {
    $p = explode(",", $cell);
    $xs[] = (int)$p[0];
    $ys[] = (int)$p[1];
  }
  return Str\format("x %d..%d y %d..%d", Math\min($xs) ?? 0, Math\max($xs) ?? 0, Math\min($ys) ?? 0, Math\max($ys) ?? 0);
}

function normalized(keyset<string> $live): string {
  $pts = Vec\map($live, $c ==> Vec\map(explode(",", $c), $s ==> (int)$s));
  $minx = Math\min(Vec\map($pts, $p ==> $p[0])) ?? 0;
  $miny = Math\min(Vec\map($pts, $p ==> $p[1])) ?? 0;
  $norm = Vec\map($pts, $p ==> cell_key($p[0] - $minx, $p[1] - $miny));
  return implode(" ", Vec\sort($norm));
}

<<__EntryPoint>>
function main(): void {
  $g = vec[
    ".#........",
    "..#.......",
    "###.......",
    "..........",
    "......###.",
    "..........",
  ];
  for ($gen = 0; $gen <= 4; $gen++) {
    echo "gen ", $gen, ":\n", implode("\n", $g), "\n";
    $g = step_grid($g);
  }
  $live = keyset[];
  foreach (vec[vec[1, 0], vec[2, 1], vec[0, 2], vec[1, 2], vec[2, 2]] as $p) {
    $k = cell_key($p[0], $p[1]);
    $live[] = $k;
  }
  $shape0 = normalized($live);
  $pop = vec[];
  for ($i = 1; $i <= 8; $i++) {
    $live = step_sparse($live);
    $pop[] = count($live);
    if (normalized($live) === $shape0) {
      echo "glider shape repeats after ", $i, " steps at ", bbox($live), "\n";
    }
  }
  echo "populations: ", implode(" ", $pop), "\n";
  // R-pentomino for a while
  $r = keyset[cell_key(1, 0), cell_key(2, 0), cell_key(0, 1), cell_key(1, 1), cell_key(1, 2)];
  $hist = vec[];
  for ($i = 0; $i < 30; $i++) {
    $r = step_sparse($r);
    if ($i % 5 === 4) { $hist[] = count($r); }
  }
  echo "r-pentomino every 5: ", implode(" ", $hist), "; ", bbox($r), "\n";
}
