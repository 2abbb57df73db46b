<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Backtracking: N-queens (all solution counts for n = 1..8, first board for
// n = 8) and a sudoku solver with candidate keysets and most-constrained-cell
// selection; the grid is a vec<vec<int>> passed by value.

function queens(int $n, int $row, array $cols, int $limit, array $found): array {
  if (count($found) >= $limit) { return $found; }
  if ($row === $n) {
    $found[] = $cols;
    return $found;
  }
  for ($c = 0; $c < $n; $c++) {
    $ok = true;
    foreach ($cols as $r => $qc) {
      if ($qc === $c || abs($qc - $c) === $row - $r) { $ok = false; break; }
    }
    if ($ok) {
      $next = $cols;
      $next[] = $c;
      $found = queens($n, $row + 1, $next, $limit, $found);
    }
  }
  return $found;
}

function show_board(array $cols): string {
  $n = count($cols);
  $s = "";
  foreach ($cols as $c) {
    $s .= str_repeat(". ", $c) . "Q " . str_repeat(". ", $n - $c - 1);
    $s = rtrim($s) . "\n";
  }
  return $s;
}

function candidates(array $g, int $r, int $c): array {
  $used = hh_keyset([]);
  for ($i = 0; $i < 9; $i++) {
    $used[] = $g[$r][$i];
    $used[] = $g[$i][$c];
  }
  $br = intdiv($r, 3) * 3;
  $bc = intdiv($c, 3) * 3;
  for ($i = $br; $i < $br + 3; $i++) {
    for ($j = $bc; $j < $bc + 3; $j++) { $used[] = $g[$i][$j]; }
  }
  return Keyset\diff(hh_keyset([1, 2, 3, 4, 5, 6, 7, 8, 9]), $used);
}

final class Solver {
  public int $nodes = 0;
  public function solve(array $g): ?array {
    $this->nodes++;
    $best = null;
    $bestCands = hh_keyset([]);
    for ($r = 0; $r < 9; $r++) {
      for ($c = 0; $c < 9; $c++) {
        if ($g[$r][$c] !== 0) { continue; }
        $cands = candidates($g, $r, $c);
        if ($best === null || count($cands) < count($bestCands)) {
          $best = [$r, $c];
          $bestCands = $cands;
        }
      }
    }
    if ($best === null) { return $g; }
    list($r, $c) = $best;
    foreach ($bestCands as $v) {
      $g[$r][$c] = $v;
      $res = $this->solve($g);
      if ($res !== null) { return $res; }
    }
    return null;
  }
}

function parse_grid(string $s): array {
  $g = [];
  foreach (Str\split($s, "/") as $row) {
    $g[] = Vec\map(str_split($row), fn($ch) => $ch === "." ? 0 : (int)$ch);
  }
  return $g;
}

function main(): void {
  $counts = [];
  for ($n = 1; $n <= 8; $n++) {
    $counts[] = $n . ":" . count(queens($n, 0, [], 1000, []));
  }
  echo "solutions ", implode(" ", $counts), "\n";
  $first = queens(8, 0, [], 1, []);
  echo implode(",", $first[0]), "\n", show_board($first[0]);
  $puzzle = "53..7..../6..195.../.98....6./8...6...3/4..8.3..1/7...2...6/.6....28./...419..5/....8..79";
  $g = parse_grid($puzzle);
  $s = new Solver();
  $sol = $s->solve($g);
  if ($sol === null) {
    echo "no solution\n";
  } else {
    foreach ($sol as $i => $row) {
      echo implode("", Vec\map(Vec\slice($row, 0, 3), fn($x) => (string)$x)), "|",
        implode("", Vec\slice($row, 3, 3)), "|", implode("", Vec\slice($row, 6)), "\n";
      if ($i === 2 || $i === 5) { echo "---+---+---\n"; }
    }
    echo "rows ok: ", C\every($sol, fn($row) => Math\sum($row) === 45) ? "yes" : "no", "\n";
  }
  echo "original untouched: ", $g[0][2] === 0 ? "yes" : "no", ", nodes: ", $s->nodes, "\n";
  $bad = $g;
  $bad[0][2] = 5; // moving the 5 of the first row makes it unsolvable
  $bad[0][0] = 0;
  $s2 = new Solver();
  echo "bad puzzle: ", $s2->solve($bad) === null ? "unsolvable" : "solved?", "\n";
}

main();
