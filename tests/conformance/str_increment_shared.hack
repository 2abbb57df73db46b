<?hh
// `++` on a string makes a new string ("x9" -> "y0", "Zz" -> "AAa"); the old one stays where it
// was stored (vecs, dicts, keysets, objects), and the new one is counted like any other. (Its
// type said "static string": stored uncounted into containers, it was freed while they held it.)

class Box {
  public function __construct(public string $s) {}
}

function keep(string $s): vec<string> {
  return vec[$s, $s];
}

<<__EntryPoint>>
function main(): void {
  // The shortest program that crashed (about half the runs, by where the heap's pages were).
  $j = "x0";
  for ($x = 0; $x < 4000; $x++) {
    $p = vec[$j];
    $w = vec[$j];
    $d = dict['a' => 1];
    $j++;
  }
  echo $j, "\n";
  $i = "x0";
  $seen = vec[];
  $byname = dict[];
  $boxes = vec[];
  $keys = keyset[];
  for ($n = 0; $n < 3000; $n++) {
    $p = vec[$n, $i];
    $w = keep($i);
    $d = dict['a' => vec[$n], 'b' => $i];
    if ($n % 97 === 0) {
      $seen[] = $p[1];
      $byname[$w[0]] = $d['b'];
      $boxes[] = new Box($i);
      $keys[] = $i;
    }
    $i++;
  }
  echo $i, "\n";
  echo implode(',', $seen), "\n";
  echo count($byname), ' ', count($keys), ' ', array_keys($byname)[0], ' ', C\last($keys), "\n";
  $all = '';
  foreach ($boxes as $b) {
    $all .= $b->s;
  }
  echo $all, "\n";
  // Letters and digits carry; other characters stop the carry; the empty string becomes "1".
  foreach (vec['a', 'z', 'Zz', 'a9', 'zz99', 'A-z', '', 'Az9'] as $s) {
    $t = $s;
    $t++;
    echo '"', $s, '" -> "', $t, '"', "\n";
  }
}
