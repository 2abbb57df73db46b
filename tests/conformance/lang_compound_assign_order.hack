// A compound assignment (`+=`, `.=`, ...) reads its target after evaluating the right-hand
// side, as HHVM's and PHP's set-ops do: what the right-hand side writes to the target counts.
class Acc {
  public int $total = 0;
  public vec<int> $v = vec[1];
  public static int $s = 1;
  public function add(int $n): int {
    $this->total += 1000;
    return $n;
  }
  public function run(): void {
    $this->total += $this->add(5);
    echo $this->total, "\n";
  }
}
function bump(Acc $c): int {
  $c->total = 100;
  Acc::$s = 100;
  $c->v[0] = 100;
  return 5;
}
<<__EntryPoint>>
function main(): void {
  $x = 5;
  $x += ($x = 10);
  echo $x, "\n";
  $y = 3;
  $y *= ($y = 4) + 1;
  echo $y, "\n";
  (new Acc())->run();
  $c = new Acc();
  $c->total += bump($c);
  echo $c->total, "\n";
  Acc::$s += bump($c);
  echo Acc::$s, "\n";
  $c->v[0] += bump($c);
  echo $c->v[0], "\n";
  $s = 'a';
  $s .= ($s = 'b');
  echo $s, "\n";
  $d = dict['k' => 'x'];
  $d['k'] .= ($d['k'] = 'y');
  echo $d['k'], "\n";
  $n = 0;
  for ($i = 0; $i < 40; $i++) {
    $n += ($n = $n + 1);
  }
  echo $n, "\n";
}
