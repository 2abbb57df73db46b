<?hh
// The pipe operator `|>` with `$$` (chains mixing HSL calls, methods,
// arithmetic and lambdas; `$$` used twice), variadic parameters, spread
// of vecs into calls (also into variadics and constructors), defaults.

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

<<__EntryPoint>>
function main(): void {
  $r = vec[5, 3, 8, 1, 9, 2]
    |> Vec\filter($$, $x ==> $x > 2)
    |> Vec\map($$, $x ==> $x * 10)
    |> Vec\sort($$)
    |> implode(",", $$);
  echo $r, "\n";
  $n = 7 |> $$ * $$ |> $$ + 1 |> clamp($$, 0, 40);
  echo $n, "\n";
  $words = "the quick brown fox jumps over the lazy dog"
    |> explode(" ", $$)
    |> Vec\unique($$)
    |> Vec\map($$, $w ==> Str\uppercase(Str\slice($w, 0, 1)) . Str\slice($w, 1))
    |> Str\join($$, "");
  echo $words, " ", $words |> Str\length($$), "\n";
  $p = new Point(1, 2, 3) |> $$->scaled(2) |> $$->scaled(5) |> $$->str();
  echo $p, "\n";
  $f = $x ==> $x - 1;
  echo 10 |> $f($$) |> $f($$) |> (string)$$ |> str_repeat($$, 3), "\n";
  $stats = vec[4, 8, 15, 16, 23, 42] |> dict['n' => count($$), 'sum' => array_sum($$), 'max' => max($$)];
  echo $stats['n'], " ", $stats['sum'], " ", $stats['max'], "\n";

  echo sum_all(), " ", sum_all(1), " ", sum_all(1, 2, 3), "\n";
  $nums = vec[10, 20, 30];
  echo sum_all(...$nums), " ", sum_all(...Vec\map($nums, $x ==> $x + 1)), "\n";
  echo describe("none"), " ", describe("three", 1, 2, 3), " ", describe("spread", ...$nums), "\n";
  echo clamp(150), " ", clamp(-5), " ", clamp(50, 60), " ", clamp(...vec[7, 1, 5]), "\n";
  $coords = vec[4, 5, 6];
  $pt = new Point(...$coords);
  echo $pt->str(), " ", (new Point(...vec[1, 2]))->str(), "\n";
  echo join_with("-", "a", "b", "c"), " ", join_with("/"), "|", join_with(", ", ...vec["x", "y"]), "\n";
  $variadicLambda = (int ...$xs) ==> count($xs) . ":" . array_sum($xs);
  echo $variadicLambda(), " ", $variadicLambda(1, 2, 3, 4), " ", $variadicLambda(...$nums), "\n";
}
