<?hh
// oracle: hand
// Appending to a vec held in a local, in a dict entry and in a property must be amortized
// O(1) (the container is updated in place, not copied): 200,000 appends each. A copying
// implementation takes minutes and fails the runner's time limit.

class Bag {
  public vec<int> $items = vec[];
  public dict<string, vec<int>> $groups = dict[];
  public function add(int $x): void {
    $this->items[] = $x;
    $this->groups[$x % 2 === 0 ? 'even' : 'odd'][] = $x;
  }
}

<<__EntryPoint>>
function main(): void {
  $n = 200000;
  $v = vec[];
  $d = dict['a' => vec[]];
  $b = new Bag();
  $b->groups['even'] = vec[];
  $b->groups['odd'] = vec[];
  for ($i = 0; $i < $n; $i++) {
    $v[] = $i;
    $d['a'][] = $i * 2;
    $b->add($i);
  }
  $s = "";
  for ($i = 0; $i < 1000; $i++) {
    $s .= "x";
  }
  echo count($v), " ", $v[$n - 1], "\n";
  echo count($d['a']), " ", $d['a'][$n - 1], "\n";
  echo count($b->items), " ", count($b->groups['even']), " ", count($b->groups['odd']), "\n";
  echo strlen($s), "\n";
}
