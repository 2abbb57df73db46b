<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// A small immutable matrix library: construction, transpose, add, multiply,
// integer powers by squaring (Fibonacci), determinant and inverse by
// Gauss-Jordan elimination on floats, trace and formatted printing.

final class Matrix {
  public function __construct(private array $rows) {
    $w = count($rows[0]);
    foreach ($rows as $r) {
      invariant(count($r) === $w, "ragged matrix: %d vs %d", count($r), $w);
    }
  }

  public static function identity(int $n): Matrix {
    $rows = [];
    for ($i = 0; $i < $n; $i++) {
      $row = Vec\fill($n, 0);
      $row[$i] = 1;
      $rows[] = $row;
    }
    return new Matrix($rows);
  }

  public function rows(): int { return count($this->rows); }
  public function cols(): int { return count($this->rows[0]); }
  public function at(int $r, int $c): int|float { return $this->rows[$r][$c]; }

  public function transpose(): Matrix {
    $out = [];
    for ($c = 0; $c < $this->cols(); $c++) {
      $out[] = Vec\map($this->rows, fn($row) => $row[$c]);
    }
    return new Matrix($out);
  }

  public function add(Matrix $o): Matrix {
    $out = $this->rows;
    foreach ($out as $i => $row) {
      foreach ($row as $j => $v) {
        $out[$i][$j] = $v + $o->at($i, $j);
      }
    }
    return new Matrix($out);
  }

  public function mul(Matrix $o): Matrix {
    invariant($this->cols() === $o->rows(), "shape mismatch %dx%d * %dx%d", $this->rows(), $this->cols(), $o->rows(), $o->cols());
    $out = [];
    for ($i = 0; $i < $this->rows(); $i++) {
      $row = [];
      for ($j = 0; $j < $o->cols(); $j++) {
        $s = 0;
        for ($k = 0; $k < $this->cols(); $k++) {
          $s += $this->rows[$i][$k] * $o->at($k, $j);
        }
        $row[] = $s;
      }
      $out[] = $row;
    }
    return new Matrix($out);
  }

  public function pow(int $e): Matrix {
    $result = Matrix::identity($this->rows());
    $base = $this;
    while ($e > 0) {
      if ($e % 2 === 1) { $result = $result->mul($base); }
      $base = $base->mul($base);
      $e = intdiv($e, 2);
    }
    return $result;
  }

  public function trace(): int|float {
    $t = 0;
    for ($i = 0; $i < $this->rows(); $i++) { $t += $this->rows[$i][$i]; }
    return $t;
  }

  // returns vec[determinant, inverse or null]
  public function gaussJordan(): array {
    $n = $this->rows();
    $a = Vec\map($this->rows, fn($r) => Vec\map($r, fn($x) => (float)$x));
    $inv = Matrix::identity($n)->rows;
    $inv = Vec\map($inv, fn($r) => Vec\map($r, fn($x) => (float)$x));
    $det = 1.0;
    for ($col = 0; $col < $n; $col++) {
      $pivot = $col;
      for ($r = $col + 1; $r < $n; $r++) {
        if (abs($a[$r][$col]) > abs($a[$pivot][$col])) { $pivot = $r; }
      }
      if (abs($a[$pivot][$col]) < 1e-12) { return [0.0, null]; }
      if ($pivot !== $col) {
        $t = $a[$col]; $a[$col] = $a[$pivot]; $a[$pivot] = $t;
        $t = $inv[$col]; $inv[$col] = $inv[$pivot]; $inv[$pivot] = $t;
        $det = -$det;
      }
      $p = $a[$col][$col];
      $det *= $p;
      for ($j = 0; $j < $n; $j++) { $a[$col][$j] /= $p; $inv[$col][$j] /= $p; }
      for ($r = 0; $r < $n; $r++) {
        if ($r === $col) { continue; }
        $f = $a[$r][$col];
        for ($j = 0; $j < $n; $j++) {
          $a[$r][$j] -= $f * $a[$col][$j];
          $inv[$r][$j] -= $f * $inv[$col][$j];
        }
      }
    }
    return [$det, new Matrix($inv)];
  }

  public function format(int $decimals = 0): string {
    $cells = Vec\map($this->rows, fn($r) => Vec\map($r, fn($x) => number_format(round((float)$x, $decimals) + 0.0, $decimals)));
    $w = Math\max(Vec\map(Vec\flatten($cells), fn($s) => strlen($s))) ?? 1;
    return implode("\n", Vec\map($cells, fn($r) => "[" . implode(" ", Vec\map($r, fn($s) => Str\pad_left($s, $w))) . "]")) . "\n";
  }
}

function main(): void {
  $a = new Matrix([[1, 2, 3], [4, 5, 6]]);
  $b = new Matrix([[7, 8], [9, 10], [11, 12]]);
  echo $a->mul($b)->format(), $b->mul($a)->format(), $a->transpose()->format();
  echo $a->add($a)->format(), "trace(BA) = ", $b->mul($a)->trace(), "\n";
  $fib = (new Matrix([[1, 1], [1, 0]]))->pow(40);
  echo "F(40) = ", $fib->at(0, 1), ", F(41) = ", $fib->at(0, 0), "\n";
  $m = new Matrix([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
  list($det, $inv) = $m->gaussJordan();
  echo "det = ", round($det, 6), "\n";
  if (($inv instanceof Matrix)) {
    echo $inv->format(3);
    echo $m->mul($inv)->format(2);
  }
  list($det2, $inv2) = (new Matrix([[1, 2], [2, 4]]))->gaussJordan();
  echo "singular: det = ", $det2, ", inverse ", $inv2 === null ? "none" : "exists", "\n";
  try {
    $a->mul($a);
  } catch (InvariantException $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
  try {
    new Matrix([[1, 2], [3]]);
  } catch (InvariantException $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
  echo Matrix::identity(3)->format();
}

main();
