<?hh
// A switch whose labels are all strings the front end knows that cannot be numeric (literals,
// global and class constants) dispatches a string subject through one table by its bytes; any
// other subject still compares case by case with loose ==. Both paths, hot and cold, with
// duplicates (the first case wins), a default in the middle, fall-through, labels that are
// prefixes of each other, bytes that are not ASCII, and a subject evaluated once.
const string GET = 'get';
class Verb { const string POST = 'post'; const string PUT = 'put'; }

function method(mixed $m): string {
  switch ($m) {
    case GET: return 'read';
    case Verb::POST: return 'create';
    case Verb::PUT: return 'replace';
    case 'patch': return 'update';
    case 'get': return 'get again';
    case 'delete': return 'remove';
    case '': return 'empty';
    case "caf\u{e9}": return 'coffee';
    case "a\0b": return 'nul';
  }
  return 'none';
}

function walk(string $s): string {
  $out = '';
  switch ($s) {
    case 'a':
      $out .= 'A';
    case 'ab':
      $out .= 'B';
      break;
    default:
      $out .= 'D';
    case 'abc':
      $out .= 'C';
    case 'b':
      $out .= 'E';
      break;
    case 'ba':
      $out .= 'F';
  }
  return $out;
}

function word(int $i): string {
  return vec['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'][$i % 8];
}

function score(vec<string> $words): int {
  $total = 0;
  foreach ($words as $w) {
    switch ($w) {
      case 'alpha': $total += 1; break;
      case 'beta': $total += 2; break;
      case 'gamma': $total += 3; break;
      case 'delta': break;
      case 'epsilon': $total += 5; break;
      case 'zeta': $total += 6;
      case 'eta': $total += 7; break;
      default: $total += 100;
    }
  }
  return $total;
}

class Count { public static int $n = 0; }

function counted(string $s): string {
  Count::$n++;
  return $s;
}

<<__EntryPoint>>
function main(): void {
  foreach (vec['get', 'post', 'put', 'patch', 'delete', '', "caf\u{e9}", "a\0b", 'a', 'GET',
                'gets', 'ge', ' get', 'put '] as $m) {
    echo $m === "a\0b" ? 'a\\0b' : $m, ' => ', method($m), "\n";
  }
  // Not strings: loose == case by case.
  foreach (dict['null' => null, 'false' => false, 'true' => true, '1.5' => 1.5, 'vec[]' => vec[]]
           as $name => $m) {
    echo $name, ' => ', method($m), "\n";
  }
  foreach (vec['a', 'ab', 'abc', 'b', 'ba', 'c', 'abcd', ''] as $s) {
    echo "walk($s) = ", walk($s), "\n";
  }
  // Hot: enough calls for every tier to compile it.
  $words = vec[];
  for ($i = 0; $i < 3000; $i++) {
    $words[] = $i % 11 === 0 ? 'omega' : word($i);
  }
  $sum = 0;
  for ($r = 0; $r < 20; $r++) {
    $sum += score($words);
  }
  echo 'score ', $sum, "\n";
  $hits = 0;
  for ($i = 0; $i < 5000; $i++) {
    $hits += method(vec['get', 'post', 'nope', 'delete', 'patch'][$i % 5]) === 'none' ? 1 : 0;
  }
  echo 'misses ', $hits, "\n";
  // The subject is evaluated once.
  switch (counted('delta')) {
    case 'alpha': echo "alpha\n"; break;
    case 'beta': echo "beta\n"; break;
    case 'gamma': echo "gamma\n"; break;
    case 'delta': echo "delta\n"; break;
    default: echo "default\n";
  }
  echo 'evaluated ', Count::$n, "\n";
}
