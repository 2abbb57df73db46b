<?hh
class MyClass {
  public static function SM(string $s): string { return 'sm' . $s; }
}
function LowerFn(string $s): string { return 'lf' . $s; }
function Twice(int $x): int { return $x * 2; }
<<__EntryPoint>>
function main(): void {
  echo lowerfn('a'), LOWERFN('b'), " ", myclass::sm('c'), "\n";
  foreach (vec['LowerFn', 'lowerfn', 'LOWERFN', 'MyClass::SM', 'myclass::sm', 'StrToUpper'] as $f) {
    try { echo $f('x'), " "; } catch (Throwable $e) { echo get_class($e), " "; }
  }
  echo "\n";
  try { echo Str\join(Vec\map(vec['a', 'b'], 'lowerFN'), ','), "\n"; } catch (Throwable $e) { echo get_class($e), "\n"; }
  try { echo array_sum(Vec\map(vec[1, 2, 3], 'twice')), "\n"; } catch (Throwable $e) { echo get_class($e), "\n"; }
  $t = 0;
  for ($i = 0; $i < 100; $i++) {
    $f = $i % 2 == 0 ? 'TWICE' : 'Twice';
    try { $t += $f($i); } catch (Throwable $e) { $t -= 1; }
  }
  echo $t, "\n";
}
