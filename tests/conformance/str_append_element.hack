<?hh
// oracle: hand (the general `.=` lowering's output before concat_path; PHP creates missing keys)
// `$c[k] .= x` statements: strings that grow in place inside containers, properties and
// statics, with the reads, errors and copies of the general `.=`.

class Name {
  public function __construct(private string $n) {}
  public function __toString(): string { return "<".$this->n.">"; }
}

class Bad {
  public function __toString(): string { throw new Exception("no string"); }
}

class Buf {
  public dict<string, string> $parts = dict['a' => ''];
  public vec<vec<string>> $grid = vec[vec['', '']];
  public static dict<string, string> $log = dict['x' => ''];

  public function add(string $k, string $s): void {
    $this->parts[$k] .= $s;
  }
}

function grow(int $n): vec<mixed> {
  $d = dict['k' => ''];
  $v = vec['', 'z'];
  $nested = dict['a' => dict[3 => '-']];
  for ($i = 0; $i < $n; $i++) {
    $d['k'] .= chr(97 + $i % 26);
    $v[1] .= $i % 10;
    $nested['a'][3] .= ($i % 2 === 0 ? 'e' : 'o');
  }
  return vec[$d, $v, $nested];
}

function key(string $k): string {
  echo "key $k\n";
  return $k;
}

function val(string $v): string {
  echo "value $v\n";
  return $v;
}

function show(mixed $x): void {
  echo json_encode($x), "\n";
}

<<__EntryPoint>>
function main(): void {
  list($d, $v, $nested) = grow(3000);
  echo strlen($d['k']), ' ', substr($d['k'], 0, 30), "\n";
  echo strlen($v[1]), ' ', substr($v[1], 0, 25), ' ', $v[0] === '' ? 'empty' : 'not', "\n";
  echo strlen($nested['a'][3]), ' ', substr($nested['a'][3], 0, 9), "\n";

  // Copies keep their value (value semantics).
  $a = dict['s' => 'one'];
  $b = $a;
  $a['s'] .= '+two';
  show($a);
  show($b);
  $outer = vec[vec['p']];
  $inner = $outer[0];
  $outer[0][0] .= 'q';
  show($outer);
  show($inner);

  // Non-string elements and operands convert as `.` converts them.
  $m = dict['i' => 5, 'f' => 1.5, 'n' => null, 'b' => true];
  $m['i'] .= 7;
  $m['f'] .= 2.25;
  $m['n'] .= 'x';
  $m['b'] .= false;
  var_dump($m);

  // Objects with __toString, as the element and as the operand.
  $o = dict['obj' => new Name('x'), 's' => 's:'];
  $o['obj'] .= '!';
  $o['s'] .= new Name('y');
  show($o);

  // A __toString that throws changes nothing.
  $t = dict['s' => 'keep'];
  try {
    $t['s'] .= new Bad();
  } catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  show($t);

  // A missing key throws before anything changes.
  $e1 = dict['a' => 'x'];
  try {
    $e1['missing'] .= 'y';
  } catch (OutOfBoundsException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  show($e1);
  $e2 = vec['x'];
  try {
    $e2[1] .= 'y';
  } catch (OutOfBoundsException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  show($e2);
  $e3 = dict['a' => dict['b' => 'c']];
  try {
    $e3['a']['z'] .= 'y';
  } catch (OutOfBoundsException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  show($e3);
  $ks = keyset['a'];
  try {
    $ks['a'] .= 'b';
  } catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  show($ks);

  // Properties and statics.
  $buf = new Buf();
  for ($i = 0; $i < 1000; $i++) {
    $buf->add('a', 'x');
    $buf->grid[0][1] .= 'y';
    Buf::$log['x'] .= 'z';
  }
  echo strlen($buf->parts['a']), ' ', strlen($buf->grid[0][1]), ' ', strlen(Buf::$log['x']), "\n";
  try {
    $buf->add('nope', 'x');
  } catch (OutOfBoundsException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  echo count($buf->parts), ' ', strlen($buf->parts['a']), "\n";
  try {
    Buf::$log['nope'] .= 'z';
  } catch (OutOfBoundsException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
  echo count(Buf::$log), ' ', strlen(Buf::$log['x']), "\n";

  // The key and the operand are evaluated once, the key first.
  $keys = dict['k' => ''];
  $keys[key('k')] .= val('v');
  show($keys);
  // As a value, the new string.
  $r = ($keys['k'] .= 'w');
  echo $r, ' ', $keys['k'], "\n";
}
