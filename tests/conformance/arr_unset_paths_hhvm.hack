<?hh
// oracle: hand
// unset() as HHVM's (hphp/runtime/vm/member-operations.h): the containers on the way are read
// quietly (`ElemU`: a missing key or a null there leaves nothing to unset, and nothing is
// written back), and unsetting inside a null, bool, int or float does nothing
// (`UnsetElemSlow`). The keys on the way are evaluated once. Also the HSL's `Vec\range` with
// its default step of 1 (`$step ??= 1`; a step larger than the distance gives `vec[$start]`)
// and `Dict\take` with a negative count (its invariant).
class C {
  public dict<string, dict<string, int>> $p = dict[];
}

function key_a(): string {
  echo "key_a ";
  return 'a';
}

<<__EntryPoint>>
function main(): void {
  $d = dict['k' => 1];
  unset($d['missing']['x']);
  var_dump($d);
  $v = vec[vec[1]];
  unset($v[5][0]);
  var_dump(count($v));
  $o = new C();
  unset($o->p['a']['b']);
  var_dump(count($o->p));
  $i = dict['a' => 5, 'n' => null, 'f' => 1.5, 't' => true];
  unset($i['a']['b']);
  unset($i['n']['b']);
  unset($i['f']['b']);
  unset($i['t']['b']);
  var_dump($i);
  $n = dict['a' => dict['b' => 1, 'c' => 2]];
  unset($n[key_a()]['b']);
  echo "\n";
  var_dump($n);
  $deep = dict['x' => dict['y' => dict['z' => 1, 'w' => 2]]];
  unset($deep['x']['y']['z']);
  unset($deep['x']['q']['z']);
  unset($deep['x']['y']['q']);
  var_dump($deep);
  $shared = $deep;
  unset($shared['x']['y']['w']);
  echo count($deep['x']['y']), " ", count($shared['x']['y']), "\n";
  var_dump(Vec\range(0, 0.5), Vec\range(2, 1.5), Vec\range(1, 3), Vec\range(3, 1));
  try {
    Dict\take(dict['a' => 1], -1);
  } catch (HH\InvariantException $e) {
    echo $e->getMessage(), "\n";
  }
  var_dump(Dict\take(dict['a' => 1, 'b' => 2], 1), Dict\take(dict['a' => 1], 0));
}
