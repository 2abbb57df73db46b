<?hh
// oracle: hand
// Generic Option<T>/Result<T>/Lazy<T>/Pipeline library: closures capturing $this,
// lambdas stored in properties and called as ($this->f)(x), static factories, `this` return type.

abstract class Option<T> {
  public static int $made = 0;
  public static function some<Tv>(Tv $v): Option<Tv> { self::$made++; return new Some($v); }
  public static function none<Tv>(): Option<Tv> { self::$made++; return new None(); }
  public static function of<Tv>(?Tv $v): Option<Tv> { return $v === null ? self::none() : self::some($v); }
  abstract public function isSome(): bool;
  abstract public function get(): T;
  public function getOr(T $d): T { return $this->isSome() ? $this->get() : $d; }
  public function map<Tu>((function(T): Tu) $f): Option<Tu> {
    return $this->isSome() ? Option::some($f($this->get())) : Option::none();
  }
  public function flatMap<Tu>((function(T): Option<Tu>) $f): Option<Tu> {
    return $this->isSome() ? $f($this->get()) : Option::none();
  }
  public function filter((function(T): bool) $p): Option<T> {
    return ($this->isSome() && $p($this->get())) ? $this : Option::none();
  }
  public function __toString(): string {
    return $this->isSome() ? 'Some(' . show($this->get()) . ')' : 'None';
  }
}
final class Some<T> extends Option<T> {
  public function __construct(private T $v) {}
  public function isSome(): bool { return true; }
  public function get(): T { return $this->v; }
}
final class None<T> extends Option<T> {
  public function isSome(): bool { return false; }
  public function get(): T { throw new LogicException('get() on None'); }
}

function show(mixed $v): string {
  if ($v === null) return 'null';
  if ($v is bool) return $v ? 'true' : 'false';
  if ($v is string) return '"' . $v . '"';
  if ($v is vec<_>) return '[' . implode(', ', Vec\map($v, $x ==> show($x))) . ']';
  if ($v is dict<_, _>) {
    $parts = vec[];
    foreach ($v as $k => $x) $parts[] = show($k) . ': ' . show($x);
    return '{' . implode(', ', $parts) . '}';
  }
  if ($v is Option<_>) return $v->__toString();
  return (string)$v;
}

final class Counter {
  private int $n = 0;
  public (function(int): int) $bump;
  public (function(): int) $peek;
  public ?(function(string): string) $hook = null;
  public function __construct(private int $step) {
    $this->bump = (int $by) ==> { $this->n += $by * $this->step; return $this->n; };
    $this->peek = () ==> $this->n;
  }
  public function run(int $times): vec<int> {
    $out = vec[];
    for ($i = 1; $i <= $times; $i++) $out[] = ($this->bump)($i);
    return $out;
  }
  public function label(string $s): string {
    $h = $this->hook;
    return $h === null ? $s : $h($s);
  }
}

final class Lazy<T> {
  private bool $done = false;
  private ?T $value = null;
  public static int $evals = 0;
  public function __construct(private (function(): T) $thunk) {}
  public function force(): T {
    if (!$this->done) {
      self::$evals++;
      $this->value = ($this->thunk)();
      $this->done = true;
    }
    return $this->value as nonnull;
  }
}

final class Pipeline {
  private vec<(function(mixed): mixed)> $stages = vec[];
  private vec<string> $names = vec[];
  public function pipe(string $name, (function(mixed): mixed) $f): this {
    $this->stages[] = $f;
    $this->names[] = $name;
    return $this;
  }
  public function run(mixed $x): mixed {
    foreach ($this->stages as $i => $f) {
      $x = $f($x);
      echo "    after ", $this->names[$i], ": ", show($x), "\n";
    }
    return $x;
  }
  public function compose(): (function(mixed): mixed) {
    $stages = $this->stages;
    return $x ==> C\reduce($stages, ($acc, $f) ==> $f($acc), $x);
  }
}

function parseIntOpt(string $s): Option<int> {
  $t = trim($s);
  if ($t === '' || !is_numeric($t)) return Option::none();
  return Option::some((int)$t);
}

function safeDiv(int $a, int $b): Option<num> {
  return $b === 0 ? Option::none() : Option::some($a / $b);
}

<<__EntryPoint>>
function main(): void {
  $inputs = vec['42', ' 7 ', 'x', '', '0', '-12', '3.9'];
  foreach ($inputs as $s) {
    $o = parseIntOpt($s);
    $r = $o->map($x ==> $x * 2)->filter($x ==> $x > 0)->flatMap($x ==> safeDiv(100, $x));
    echo str_pad("'$s'", 6), " -> ", (string)$o, " -> ", (string)$r, " getOr=", show($r->getOr(-1)), "\n";
  }
  try {
    Option::none()->get();
  } catch (LogicException $e) {
    echo "caught: ", $e->getMessage(), "\n";
  }
  echo "Option made: ", Option::$made, "\n";
  echo "nested: ", show(Option::some(Option::some(vec[1, Option::none(), dict['k' => Option::of('v')]]))), "\n";

  $c = new Counter(3);
  echo "run: ", implode(',', $c->run(4)), " peek=", ($c->peek)(), "\n";
  $bump = $c->bump;
  echo "detached bump: ", $bump(10), " peek=", ($c->peek)(), "\n";
  $c2 = new Counter(1);
  echo "independent: ", ($c2->bump)(5), " ", ($c->peek)(), "\n";
  echo "label: ", $c->label('x'), "\n";
  $prefix = '<<';
  $c->hook = $s ==> $prefix . $s . '>>' . ($c->peek)();
  $prefix = 'changed';
  echo "label: ", $c->label('y'), "\n";
  ($c->bump)(1);
  echo "label: ", $c->label('z'), "\n";

  $calls = 0;
  $lz = new Lazy(() ==> { echo "  (evaluating)\n"; return vec[1, 2, 3]; });
  echo "lazy before: ", Lazy::$evals, "\n";
  echo "lazy: ", show($lz->force()), " ", show($lz->force()), " evals=", Lazy::$evals, "\n";
  $lazies = Vec\map(Vec\range(1, 4), $i ==> new Lazy(() ==> $i * $i));
  echo "squares: ", implode(' ', Vec\map($lazies, $l ==> $l->force())), " evals=", Lazy::$evals, "\n";

  $p = (new Pipeline())
    ->pipe('trim', $x ==> trim((string)$x))
    ->pipe('split', $x ==> explode(',', (string)$x))
    ->pipe('ints', $x ==> Vec\map($x as vec<_>, $s ==> (int)$s))
    ->pipe('evens', $x ==> Vec\filter($x as vec<_>, $n ==> $n % 2 === 0))
    ->pipe('sum', $x ==> array_sum($x as vec<_>));
  echo "pipeline:\n";
  $res = $p->run('  1,2,3,4,5,6,10  ');
  echo "  result ", show($res), "\n";
  $f = $p->compose();
  echo "  composed ", show($f('8,9,10')), " ", show($f('')), "\n";

  $adders = vec[];
  for ($i = 0; $i < 3; $i++) {
    $adders[] = $x ==> $x + $i;
  }
  echo "adders: ", implode(',', Vec\map($adders, $a ==> $a(100))), "\n";
  $compose2 = ($f, $g) ==> ($x ==> $g($f($x)));
  $inc = $x ==> $x + 1;
  $dbl = $x ==> $x * 2;
  echo "compose: ", $compose2($inc, $dbl)(5), " ", $compose2($dbl, $inc)(5), "\n";
  echo "done\n";
}
