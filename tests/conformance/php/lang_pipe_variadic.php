<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// HH: hand translation: every `a |> f($$)` chain is written as nested calls
// with temporaries ($$ evaluated once per stage).

function sum_all(int ...$xs): int {
  return array_sum($xs);
}

function describe(string $label, int ...$rest): string {
  return $label . "(" . count($rest) . "):" . implode("+", $rest);
}

function clamp(int $x, int $lo = 0, int $hi = 100): int {
  return min(max($x, $lo), $hi);
}

final class Point {
  public function __construct(public int $x, public int $y, public int $z = 0) {}
  public function scaled(int $k): Point { return new Point($this->x * $k, $this->y * $k, $this->z * $k); }
  public function str(): string { return "(" . $this->x . "," . $this->y . "," . $this->z . ")"; }
}

function join_with(string $sep, string ...$parts): string {
  return implode($sep, $parts);
}

function main(): void {
  $t = [5, 3, 8, 1, 9, 2];
  $t = Vec\filter($t, fn($x) => $x > 2);
  $t = Vec\map($t, fn($x) => $x * 10);
  $t = Vec\sort($t);
  $r = implode(",", $t);
  echo $r, "\n";
  $t = 7; $t = $t * $t; $t = $t + 1; $n = clamp($t, 0, 40);
  echo $n, "\n";
  $t = "the quick brown fox jumps over the lazy dog";
  $t = explode(" ", $t);
  $t = Vec\unique($t);
  $t = Vec\map($t, fn($w) => Str\uppercase(Str\slice($w, 0, 1)) . Str\slice($w, 1));
  $words = Str\join($t, "");
  echo $words, " ", Str\length($words), "\n";
  $t = new Point(1, 2, 3); $t = $t->scaled(2); $t = $t->scaled(5); $p = $t->str();
  echo $p, "\n";
  $f = fn($x) => $x - 1;
  $t = 10; $t = $f($t); $t = $f($t); $t = (string)$t; $t = str_repeat($t, 3);
  echo $t, "\n";
  $t = [4, 8, 15, 16, 23, 42];
  $stats = ['n' => count($t), 'sum' => array_sum($t), 'max' => max($t)];
  echo $stats['n'], " ", $stats['sum'], " ", $stats['max'], "\n";

  echo sum_all(), " ", sum_all(1), " ", sum_all(1, 2, 3), "\n";
  $nums = [10, 20, 30];
  echo sum_all(...$nums), " ", sum_all(...Vec\map($nums, fn($x) => $x + 1)), "\n";
  echo describe("none"), " ", describe("three", 1, 2, 3), " ", describe("spread", ...$nums), "\n";
  echo clamp(150), " ", clamp(-5), " ", clamp(50, 60), " ", clamp(...[7, 1, 5]), "\n";
  $coords = [4, 5, 6];
  $pt = new Point(...$coords);
  echo $pt->str(), " ", (new Point(...[1, 2]))->str(), "\n";
  echo join_with("-", "a", "b", "c"), " ", join_with("/"), "|", join_with(", ", ...["x", "y"]), "\n";
  $variadicLambda = fn(int ...$xs) => count($xs) . ":" . array_sum($xs);
  echo $variadicLambda(), " ", $variadicLambda(1, 2, 3, 4), " ", $variadicLambda(...$nums), "\n";
}

main();
