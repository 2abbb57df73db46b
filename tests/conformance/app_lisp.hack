<?hh
// oracle: hand
// A tiny Lisp: reader (tokenizer + recursive parser), AST as vec/strings/ints, environments as
// objects with parent chains, closures (user lambdas) capturing environments, tail-heavy recursion,
// builtins as Hack lambdas in a dict, errors as exception subclasses, printing of results.

abstract class LispError extends Exception {}
final class ReadError extends LispError {}
final class EvalError extends LispError {}
final class ArityError extends LispError {
  public function __construct(string $fn, int $want, int $got) {
    parent::__construct("$fn: expected $want args, got $got");
  }
}

final class Sym {
  private static dict<string, Sym> $interned = dict[];
  private function __construct(public string $name) {}
  public static function of(string $n): Sym {
    $s = self::$interned[$n] ?? null;
    if ($s === null) { $s = new Sym($n); self::$interned[$n] = $s; }
    return $s;
  }
  public static function count(): int { return count(self::$interned); }
}

final class Lambda {
  public static int $calls = 0;
  public function __construct(public vec<Sym> $params, public mixed $body, public Env $env, public string $name = 'lambda') {}
}

final class Builtin {
  public function __construct(public string $name, public (function(vec<mixed>): mixed) $f) {}
}

final class Env {
  private dict<string, mixed> $vars = dict[];
  public function __construct(private ?Env $parent = null) {}
  public function define(string $k, mixed $v): void { $this->vars[$k] = $v; }
  public function lookup(string $k): mixed {
    $e = $this;
    while ($e !== null) {
      if (C\contains_key($e->vars, $k)) return $e->vars[$k];
      $e = $e->parent;
    }
    throw new EvalError("unbound symbol: $k");
  }
  public function set(string $k, mixed $v): void {
    $e = $this;
    while ($e !== null) {
      if (C\contains_key($e->vars, $k)) { $e->vars[$k] = $v; return; }
      $e = $e->parent;
    }
    throw new EvalError("set!: unbound $k");
  }
}

function tokenize(string $src): vec<string> {
  $src = str_replace(vec['(', ')', "'"], vec[' ( ', ' ) ', " ' "], $src);
  return Vec\filter(explode(' ', str_replace(vec["\n", "\t"], ' ', $src)), $t ==> $t !== '');
}

function readForm(vec<string> $toks, int $pos): vec<mixed> {
  if ($pos >= count($toks)) throw new ReadError('unexpected EOF');
  $t = $toks[$pos];
  if ($t === '(') {
    $list = vec[];
    $pos++;
    while (true) {
      if ($pos >= count($toks)) throw new ReadError('missing )');
      if ($toks[$pos] === ')') break;
      list($form, $pos) = readForm($toks, $pos);
      $list[] = $form;
    }
    return vec[$list, $pos + 1];
  }
  if ($t === ')') throw new ReadError("unexpected ) at token $pos");
  if ($t === "'") {
    list($form, $next) = readForm($toks, $pos + 1);
    return vec[vec[Sym::of('quote'), $form], $next];
  }
  if (is_numeric($t)) return vec[strpos($t, '.') === false ? (int)$t : (float)$t, $pos + 1];
  if ($t === '#t') return vec[true, $pos + 1];
  if ($t === '#f') return vec[false, $pos + 1];
  return vec[Sym::of($t), $pos + 1];
}

function show(mixed $v): string {
  if ($v is Sym) return $v->name;
  if ($v is vec<_>) return '(' . implode(' ', Vec\map($v, $x ==> show($x))) . ')';
  if ($v is bool) return $v ? '#t' : '#f';
  if ($v === null) return 'nil';
  if ($v is Lambda) return "<{$v->name}/" . count($v->params) . '>';
  if ($v is float) return (string)$v . (floor($v) == $v && !is_infinite($v) ? '.0' : '');
  if ($v is Builtin) return '<builtin ' . $v->name . '>';
  return (string)$v;
}

function evaluate(mixed $x, Env $env, int $depth = 0): mixed {
  while (true) {
    if ($depth > 400) throw new EvalError('recursion too deep');
    if ($x is Sym) return $env->lookup($x->name);
    if (!($x is vec<_>)) return $x;
    if (count($x) === 0) return vec[];
    $head = $x[0];
    if ($head is Sym) {
      $name = $head->name;
      if ($name === 'quote') return $x[1];
      if ($name === 'if') {
        $c = evaluate($x[1], $env, $depth + 1);
        $x = ($c !== false && $c !== null) ? $x[2] : ($x[3] ?? null);
        continue;
      }
      if ($name === 'define') {
        if ($x[1] is vec<_>) {
          $fname = ($x[1][0] as Sym)->name;
          $params = Vec\map(Vec\drop($x[1], 1), $p ==> $p as Sym);
          $env->define($fname, new Lambda($params, $x[2], $env, $fname));
        } else {
          $env->define(($x[1] as Sym)->name, evaluate($x[2], $env, $depth + 1));
        }
        return null;
      }
      if ($name === 'set!') {
        $env->set(($x[1] as Sym)->name, evaluate($x[2], $env, $depth + 1));
        return null;
      }
      if ($name === 'lambda') return new Lambda(Vec\map($x[1] as vec<_>, $p ==> $p as Sym), $x[2], $env);
      if ($name === 'begin') {
        for ($i = 1; $i < count($x) - 1; $i++) evaluate($x[$i], $env, $depth + 1);
        $x = $x[count($x) - 1];
        continue;
      }
      if ($name === 'let') {
        $inner = new Env($env);
        foreach ($x[1] as $binding) {
          $inner->define(($binding[0] as Sym)->name, evaluate($binding[1], $env, $depth + 1));
        }
        $x = $x[2]; $env = $inner;
        continue;
      }
      if ($name === 'and') {
        $r = true;
        for ($i = 1; $i < count($x); $i++) { $r = evaluate($x[$i], $env, $depth + 1); if ($r === false) return false; }
        return $r;
      }
    }
    $f = evaluate($head, $env, $depth + 1);
    $args = vec[];
    for ($i = 1; $i < count($x); $i++) $args[] = evaluate($x[$i], $env, $depth + 1);
    if ($f is Lambda) {
      Lambda::$calls++;
      if (count($args) !== count($f->params)) throw new ArityError($f->name, count($f->params), count($args));
      $callEnv = new Env($f->env);
      foreach ($f->params as $i => $p) $callEnv->define($p->name, $args[$i]);
      $x = $f->body; $env = $callEnv; $depth++;
      continue;
    }
    if ($f is Builtin) return ($f->f)($args);
    throw new EvalError('not a function: ' . show($f));
  }
}

function globalEnv(): Env {
  $g = new Env();
  $num = (mixed $v): num ==> { if ($v is num) return $v; throw new EvalError('not a number: ' . show($v)); };
  $g->define('+', new Builtin('+', (vec<mixed> $a) ==> C\reduce($a, ($acc, $v) ==> $acc + $num($v), 0)));
  $g->define('*', new Builtin('*', (vec<mixed> $a) ==> C\reduce($a, ($acc, $v) ==> $acc * $num($v), 1)));
  $g->define('-', new Builtin('-', (vec<mixed> $a) ==> count($a) === 1 ? -$num($a[0]) : $num($a[0]) - $num($a[1])));
  $g->define('/', new Builtin('/', (vec<mixed> $a) ==> {
    $d = $num($a[1]);
    if ($d == 0) throw new EvalError('division by zero');
    return $num($a[0]) / $d;
  }));
  $g->define('mod', new Builtin('mod', (vec<mixed> $a) ==> $num($a[0]) % $num($a[1])));
  $g->define('<', new Builtin('<', (vec<mixed> $a) ==> $num($a[0]) < $num($a[1])));
  $g->define('=', new Builtin('=', (vec<mixed> $a) ==> $a[0] === $a[1] || ($a[0] is num && $a[1] is num && $a[0] == $a[1])));
  $g->define('list', new Builtin('list', (vec<mixed> $a) ==> $a));
  $g->define('car', new Builtin('car', (vec<mixed> $a) ==> { $l = $a[0] as vec<_>; if (count($l) === 0) throw new EvalError('car of empty list'); return $l[0]; }));
  $g->define('cdr', new Builtin('cdr', (vec<mixed> $a) ==> Vec\drop($a[0] as vec<_>, 1)));
  $g->define('cons', new Builtin('cons', (vec<mixed> $a) ==> Vec\concat(vec[$a[0]], $a[1] as vec<_>)));
  $g->define('null?', new Builtin('null?', (vec<mixed> $a) ==> $a[0] is vec<_> && count($a[0]) === 0));
  $g->define('length', new Builtin('length', (vec<mixed> $a) ==> count($a[0] as vec<_>)));
  return $g;
}

<<__EntryPoint>>
function main(): void {
  $env = globalEnv();
  $programs = vec[
    '(define (fact n) (if (< n 2) 1 (* n (fact (- n 1)))))',
    '(fact 10)',
    '(fact 20)',
    '(fact 21)',
    '(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))',
    '(fib 15)',
    '(define (range a b) (if (< a b) (cons a (range (+ a 1) b)) (quote ())))',
    '(range 0 10)',
    '(define (map f l) (if (null? l) (quote ()) (cons (f (car l)) (map f (cdr l)))))',
    '(map (lambda (x) (* x x)) (range 1 8))',
    '(define (make-counter) (let ((n 0)) (lambda () (begin (set! n (+ n 1)) n))))',
    '(define c1 (make-counter))',
    '(define c2 (make-counter))',
    '(list (c1) (c1) (c1) (c2))',
    '(define (loop i acc) (if (= i 0) acc (loop (- i 1) (+ acc i))))',
    '(loop 300 0)',
    '(loop 1000 0)',
    "'(a b (c d) 1 2.5 #t)",
    '(/ 7 2)',
    '(/ 8 2)',
    '(/ 1 0)',
    '(mod -7 3)',
    '(car (quote ()))',
    '(undefined-fn 1)',
    '(fact 1 2)',
    '(+ 1 (quote x))',
    '(1 2 3)',
    '(+ 1 2',
    ')',
    '(define (compose f g) (lambda (x) (f (g x))))',
    '((compose (lambda (x) (* x 2)) (lambda (x) (+ x 3))) 10)',
    '(let ((x 2) (y 3)) (let ((x 7)) (+ x y)))',
    '(and 1 2 #f 3)',
    '(length (range 0 50))',
    '(list fact + (lambda (a b) a))',
    '(= 2 2.0)',
    '(* 1.5 2)',
  ];
  foreach ($programs as $i => $src) {
    try {
      $toks = tokenize($src);
      list($form, $next) = readForm($toks, 0);
      if ($next !== count($toks)) throw new ReadError('trailing tokens');
      $r = evaluate($form, $env);
      echo sprintf("%2d> %s\n    %s\n", $i, $src, show($r));
    } catch (ArityError $e) {
      echo sprintf("%2d> %s\n    arity: %s\n", $i, $src, $e->getMessage());
    } catch (LispError $e) {
      echo sprintf("%2d> %s\n    %s: %s\n", $i, $src, get_class($e), $e->getMessage());
    } catch (TypeAssertionException $e) {
      echo sprintf("%2d> %s\n    type assertion failed\n", $i, $src);
    }
  }
  echo "lambda calls: ", Lambda::$calls, " symbols: ", Sym::count(), "\n";
}
