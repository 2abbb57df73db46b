<?hh
// `.=` on a property, a static, or an element below them: the slot keeps its value while
// user code runs (`__toString()` of the operand, which may read it or throw) and when the
// result fails the property's type; the in-place growth of a string that stays is unchanged.

class Boom {
  public function __toString(): string {
    throw new Exception("boom");
  }
}

class Holder {
  public dict<string, string> $arr = dict['k' => 'a'];
  public static dict<string, string> $sa = dict['k' => 'x'];
  public static ?dict<string, string> $maybe = dict['k' => 'x'];
  public string $s = "s";
  public static string $ss = "ss";
  public int $n = 5;
  public static int $sn = 7;
  public float $f = 1.5;
  public vec<mixed> $mixed = vec[1, "two", 3.5];
}

class Peek {
  public function __toString(): string {
    return "<" . (Holder::$sa['k'] ?? 'NULL') . ">";
  }
}

class Count {
  public function __toString(): string {
    return (string)count(Holder::$maybe ?? dict[]);
  }
}

class Peek2 {
  public function __construct(private Holder $h) {}
  public function __toString(): string {
    return "<" . count($this->h->arr) . "," . $this->h->s . ">";
  }
}

<<__EntryPoint>>
function main(): void {
  $h = new Holder();
  // __toString() reads the slot being updated.
  Holder::$sa['k'] .= new Peek();
  echo Holder::$sa['k'], "\n";
  Holder::$maybe['k'] .= new Count();
  echo Holder::$maybe['k'] ?? 'NULL', "\n";
  $h->arr['k'] .= new Peek2($h);
  echo $h->arr['k'], "\n";
  $h->s .= new Peek2($h);
  echo $h->s, "\n";
  // __toString() throws.
  try {
    Holder::$sa['k'] .= new Boom();
  } catch (Exception $e) {
    echo "caught ", $e->getMessage(), "\n";
  }
  echo Holder::$sa['k'], "\n";
  try {
    $h->arr['k'] .= new Boom();
  } catch (Exception $e) {
    echo "caught ", $e->getMessage(), "\n";
  }
  echo $h->arr['k'], "\n";
  try {
    Holder::$ss .= new Boom();
  } catch (Exception $e) {
    echo "caught ", $e->getMessage(), "\n";
  }
  echo Holder::$ss, "\n";
  // The result fails the property's type.
  try {
    Holder::$sn .= "x";
  } catch (TypeError $e) {
    echo "TypeError\n";
  }
  echo Holder::$sn, "\n";
  try {
    $h->n .= "x";
  } catch (TypeError $e) {
    echo "TypeError\n";
  }
  echo $h->n, "\n";
  try {
    $h->f .= "0";
  } catch (TypeError $e) {
    echo "TypeError\n";
  }
  echo $h->f, "\n";
  // Elements that are not strings become strings; strings grow.
  for ($i = 0; $i < 2000; $i++) {
    $h->mixed[$i % 3] .= $i % 10;
    $h->s .= "y";
    Holder::$ss .= $i % 2 === 0 ? "a" : "b";
    Holder::$sa['k'] .= "z";
  }
  echo strlen($h->mixed[0]), " ", strlen($h->mixed[1]), " ", strlen($h->mixed[2]), "\n";
  echo substr($h->mixed[1], 0, 12), "\n";
  echo strlen($h->s), " ", strlen(Holder::$ss), " ", strlen(Holder::$sa['k']), "\n";
  echo substr(Holder::$ss, -6), "\n";
}
