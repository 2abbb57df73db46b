<?hh
function fib(int $n): int {
  return $n < 2 ? $n : fib($n - 1) + fib($n - 2);
}
<<__EntryPoint>>
function main(): void {
  echo fib(20), "\n";
}
