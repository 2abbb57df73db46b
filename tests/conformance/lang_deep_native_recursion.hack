<?hh
// Recursion that nests the interpreter natively: a memoized function calling itself, and a
// function recursing through a builtin's callback (Vec\map), 5,000 deep (release builds go past
// 20,000; the tests run a debug build, whose frames are large); the bound is the thread's
// stack, not a count of nested calls (they stopped at ~1,000 before).
<<__Memoize>>
function d(int $n): int { return $n == 0 ? 0 : 1 + d($n - 1); }
function s(int $n): int { return $n == 0 ? 0 : Vec\map(vec[$n], $x ==> 1 + s($x - 1))[0]; }
<<__EntryPoint>>
function main(): void {
  echo d(1000), " ", d(5000), " ", s(1000), " ", s(5000), "\n";
}
