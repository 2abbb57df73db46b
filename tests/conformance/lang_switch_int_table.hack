<?hh
// A switch whose labels are all ints the front end knows (literals, negated literals, global
// and class constants) dispatches an int subject through one jump table; any other subject
// still compares case by case with loose ==. Both paths, hot and cold, with duplicates
// (the first case wins), a default in the middle and fall-through.
const int TEN = 10;
class K { const int A = 7; const int B = -3; }

function pick(mixed $x): string {
  switch ($x) {
    case 0: return 'zero';
    case 1: return 'one';
    case K::B: return 'K::B';
    case TEN: return 'ten';
    case 1: return 'one again';
    case K::A: return 'K::A';
    case -1: return 'minus one';
    case 100000000000: return 'big';
    case PHP_INT_MIN: return 'min';
  }
  return 'none';
}

function walk(int $x): string {
  $out = '';
  switch ($x) {
    case 1:
      $out .= 'a';
    case 2:
      $out .= 'b';
      break;
    default:
      $out .= 'd';
    case 3:
      $out .= 'c';
    case 4:
      $out .= 'e';
      break;
    case 5:
      $out .= 'f';
  }
  return $out;
}

function count_kinds(vec<int> $v): string {
  $small = 0;
  $odd = 0;
  $other = 0;
  foreach ($v as $x) {
    switch ($x % 7) {
      case 0:
      case 1:
      case 2:
        $small++;
        break;
      case 3:
      case 5:
        $odd++;
        break;
      case 4:
      case 6:
        $other++;
        break;
    }
  }
  return "$small $odd $other";
}

<<__EntryPoint>>
function main(): void {
  foreach (vec[0, 1, -3, 10, 7, -1, 100000000000, PHP_INT_MIN, 2, 99] as $x) {
    echo $x, ' => ', pick($x), "\n";
  }
  // Not ints: loose == against each label in order.
  foreach (vec['1', '07', '10.0', 10.0, 7.5, -3.0, true, false, null, '0'] as $x) {
    var_dump($x);
    echo '  => ', pick($x), "\n";
  }
  for ($i = 0; $i <= 6; $i++) {
    echo $i, ':', walk($i), ' ';
  }
  echo "\n";
  $v = vec[];
  for ($i = 0; $i < 1000; $i++) {
    $v[] = $i * 3;
  }
  echo count_kinds($v), "\n";
  $hits = 0;
  for ($i = 0; $i < 5000; $i++) {
    $hits += pick($i % 12 - 3) === 'none' ? 0 : 1;
  }
  echo $hits, "\n";
}
