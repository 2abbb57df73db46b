<?hh
// `??=` evaluates the parts of its target once (index expressions with effects, `$i++`) and
// writes only when the target was null or missing: locals, vec and dict elements, nested dicts,
// properties and dict-valued properties; hot.
function k(int $i): int { echo "k"; return $i; }
class Box { public ?int $n = null; public dict<string, vec<int>> $d = dict[]; }
<<__EntryPoint>>
function main(): void {
  $arr = vec[10, 20];
  $arr[k(0)] ??= 99; echo " ", $arr[0], "\n";
  $i = 0; $arr[$i++] ??= 99; echo $i, "\n";
  $d = dict[]; $d[k(3)] ??= 5; echo " ", $d[3], "\n";
  $d[k(3)] ??= 6; echo " ", $d[3], "\n";
  $b = new Box();
  $b->n ??= 7; $b->n ??= 8; echo $b->n, "\n";
  $b->d['x'] ??= vec[1]; $b->d['x'] ??= vec[2]; echo count($b->d['x']), $b->d['x'][0], "\n";
  $u = null; $u ??= "set"; echo $u, "\n";
  $nested = dict['a' => dict[]];
  $nested['a'][k(1)] ??= 4; echo " ", $nested['a'][1], "\n";
  $t = 0;
  for ($j = 0; $j < 3000; $j++) { $m = dict[]; $m[$j % 7] ??= $j; $m[$j % 7] ??= -1; $t += $m[$j % 7]; }
  echo $t, "\n";
}
