<?hh
// Assignment evaluates the target's keys before the value (dict and nested dict elements,
// property and static property elements, `$v[$i++] = $i * 10`), as HHVM and PHP do; a list()
// target takes the value first; hot.
function k(string $t, int $v): int { echo $t; return $v; }
class C { public dict<int, int> $p = dict[]; public static vec<int> $s = vec[0, 0]; }
<<__EntryPoint>>
function main(): void {
  $d = dict[5 => dict[]];
  $d[k('K', 1)] = k('V', 2); echo "\n";
  $d[k('A', 5)][k('B', 2)] = k('C', 3); echo "\n";
  $c = new C();
  $c->p[k('P', 1)] = k('Q', 1); echo "\n";
  C::$s[k('S', 1)] = k('T', 1); echo "\n";
  $v = vec[0, 10]; $i = 0; $v[$i++] = $i * 10; echo implode(",", $v), "\n";
  $x = k('X', 7); echo " ", $x, "\n";
  list($a, $b) = vec[k('L', 1), 2]; echo " ", $a + $b, "\n";
  $t = 0;
  for ($j = 0; $j < 3000; $j++) { $m = vec[0, 0]; $n = 0; $m[$n++] = $n + $j; $t += $m[0]; }
  echo $t, "\n";
}
