<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// An AST interpreter for a tiny expression language: abstract node classes,
// a recursive-descent parser over an s-expression syntax, environments as
// dicts (value semantics give lexical scoping for free), closures as values.

abstract class Node {
  abstract public function evaluate(array $env): mixed;
  abstract public function show(): string;
}

final class Num extends Node {
  public function __construct(public int $v) {}
  public function evaluate(array $env): mixed { return $this->v; }
  public function show(): string { return (string)$this->v; }
}

final class Sym extends Node {
  public function __construct(public string $name) {}
  public function evaluate(array $env): mixed {
    if (!C\contains_key($env, $this->name)) {
      throw new LogicException("unbound symbol " . $this->name);
    }
    return $env[$this->name];
  }
  public function show(): string { return $this->name; }
}

final class Lambda {
  public function __construct(public array $params, public Node $body, public array $env) {}
}

final class ListNode extends Node {
  public function __construct(public array $items) {}

  public function show(): string {
    return "(" . implode(" ", Vec\map($this->items, fn($n) => $n->show())) . ")";
  }

  public function evaluate(array $env): mixed {
    $head = $this->items[0];
    $args = Vec\drop($this->items, 1);
    if (($head instanceof Sym)) {
      switch ($head->name) {
        case "if":
          return $args[0]->evaluate($env) !== 0 ? $args[1]->evaluate($env) : $args[2]->evaluate($env);
        case "let":
          $name = ($args[0])->name;
          $env[$name] = $args[1]->evaluate($env);
          return $args[2]->evaluate($env);
        case "fn":
          $params = Vec\map(($args[0])->items, fn($p) => ($p)->name);
          return new Lambda($params, $args[1], $env);
      }
    }
    $f = $head->evaluate($env);
    $vals = Vec\map($args, fn($a) => $a->evaluate($env));
    if (($f instanceof Lambda)) {
      $inner = $f->env;
      foreach ($f->params as $i => $p) {
        $inner[$p] = $vals[$i];
      }
      $inner['self'] = $f;
      return $f->body->evaluate($inner);
    }
    if (is_string($f)) {
      return builtin($f, $vals);
    }
    throw new LogicException("not callable: " . $head->show());
  }
}

function builtin(string $op, array $v): mixed {
  switch ($op) {
    case "+": return C\reduce($v, fn($a, $b) => $a + $b, 0);
    case "*": return C\reduce($v, fn($a, $b) => $a * $b, 1);
    case "-": return $v[0] - $v[1];
    case "<": return $v[0] < $v[1] ? 1 : 0;
    case "=": return $v[0] === $v[1] ? 1 : 0;
    case "mod": return $v[0] % $v[1];
  }
  throw new LogicException("unknown builtin " . $op);
}

final class Parser {
  private array $toks;
  private int $pos = 0;
  public function __construct(string $src) {
    $spaced = str_replace(")", " ) ", str_replace("(", " ( ", $src));
    $this->toks = Vec\filter(explode(" ", $spaced), fn($t) => $t !== "");
  }
  public function parse(): Node {
    $t = $this->toks[$this->pos];
    $this->pos++;
    if ($t === "(") {
      $items = [];
      while ($this->toks[$this->pos] !== ")") {
        $items[] = $this->parse();
      }
      $this->pos++;
      return new ListNode($items);
    }
    $n = Str\to_int($t);
    return $n === null ? new Sym($t) : new Num($n);
  }
}

function main(): void {
  $globals = ["+" => "+", "*" => "*", "-" => "-", "<" => "<", "=" => "=", "mod" => "mod"];
  $srcs = [
    "(+ 1 2 (* 3 4))",
    "(let x 5 (let y (* x x) (- y x)))",
    "(let x 1 (+ (let x 10 x) x))",
    "((fn (n) (if (< n 2) 1 (* n (self (- n 1))))) 10)",
    "(let fib (fn (n) (if (< n 2) n (+ (self (- n 1)) (self (- n 2))))) (fib 15))",
    "(let k 100 (let add (fn (a) (+ a k)) (let k 0 (add 5))))",
    "(let gcd (fn (a b) (if (= b 0) a (self b (mod a b)))) (gcd 1071 462))",
    "(+ 1 nope)",
    "(5 6)",
  ];
  foreach ($srcs as $src) {
    $ast = (new Parser($src))->parse();
    try {
      $r = $ast->evaluate($globals);
      echo $ast->show(), " => ", ($r instanceof Lambda) ? "<lambda>" : $r, "\n";
    } catch (LogicException $e) {
      echo $ast->show(), " !! ", $e->getMessage(), "\n";
    }
  }
}

main();
