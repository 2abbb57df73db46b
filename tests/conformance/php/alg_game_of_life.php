<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Conway's Game of Life two ways: a bounded grid of strings (vec<string>)
// and an unbounded sparse set of live cells (keyset<string> of "x,y"),
// with a glider, a blinker, period detection and population history.

function step_grid(array $g): array {
  $h = count($g);
  $w = strlen($g[0]);
  $out = [];
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

function step_sparse(array $live): array {
  $counts = [];
  foreach ($live as $cell) {
    list($x, $y) = Vec\map(explode(",", $cell), fn($s) => (int)$s);
    for ($dy = -1; $dy <= 1; $dy++) {
      for ($dx = -1; $dx <= 1; $dx++) {
        if ($dx === 0 && $dy === 0) { continue; }
        $k = cell_key($x + $dx, $y + $dy);
        $counts[$k] = ($counts[$k] ?? 0) + 1;
      }
    }
  }
  $next = hh_keyset([]);
  foreach ($counts as $k => $n) {
    if ($n === 3 || ($n === 2 && C\contains_key($live, $k))) { $next[$k] = $k; }
  }
  return $next;
}

function bbox(array $live): string {
  $xs = [];
  $ys = [];
  foreach ($live as $cell) {
    $p = explode(",", $cell);
    $xs[] = (int)$p[0];
    $ys[] = (int)$p[1];
  }
  return Str\format("x %d..%d y %d..%d", Math\min($xs) ?? 0, Math\max($xs) ?? 0, Math\min($ys) ?? 0, Math\max($ys) ?? 0);
}

function normalized(array $live): string {
  $pts = Vec\map($live, fn($c) => Vec\map(explode(",", $c), fn($s) => (int)$s));
  $minx = Math\min(Vec\map($pts, fn($p) => $p[0])) ?? 0;
  $miny = Math\min(Vec\map($pts, fn($p) => $p[1])) ?? 0;
  $norm = Vec\map($pts, fn($p) => cell_key($p[0] - $minx, $p[1] - $miny));
  return implode(" ", Vec\sort($norm));
}

function main(): void {
  $g = [
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
  $live = hh_keyset([]);
  foreach ([[1, 0], [2, 1], [0, 2], [1, 2], [2, 2]] as $p) {
    $k = cell_key($p[0], $p[1]);
    $live[$k] = $k;
  }
  $shape0 = normalized($live);
  $pop = [];
  for ($i = 1; $i <= 8; $i++) {
    $live = step_sparse($live);
    $pop[] = count($live);
    if (normalized($live) === $shape0) {
      echo "glider shape repeats after ", $i, " steps at ", bbox($live), "\n";
    }
  }
  echo "populations: ", implode(" ", $pop), "\n";
  // R-pentomino for a while
  $r = hh_keyset([cell_key(1, 0), cell_key(2, 0), cell_key(0, 1), cell_key(1, 1), cell_key(1, 2)]);
  $hist = [];
  for ($i = 0; $i < 30; $i++) {
    $r = step_sparse($r);
    if ($i % 5 === 4) { $hist[] = count($r); }
  }
  echo "r-pentomino every 5: ", implode(" ", $hist), "; ", bbox($r), "\n";
}

main();
