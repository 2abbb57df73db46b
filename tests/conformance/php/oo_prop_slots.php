<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Property reads and writes through a parameter typed with a base class, on instances of the
// base, a subclass and a grandchild that redeclares a property (one site sees all three: the
// base class fixes every slot); through mixed (no class known); a typed property read before it
// is initialized, and writes of the wrong type (both caught). Every phase runs hot enough to be
// compiled by every tier.

class Base {
  public int $a = 1;
  public ?string $s = null;
  public mixed $m = 0;
  public int $late;
  public function __construct(public float $f) {}
}

class Mid extends Base {
  public int $b = 2;
}

class Leaf extends Mid {
  public int $a = 10;
  public string $extra = "x";
}

class Other {
  public int $a = 100;
  public mixed $m = "o";
}

function read_all(Base $o): float {
  return $o->a + $o->f + ($o->s === null ? 0 : strlen($o->s)) + (is_int($o->m) ? $o->m : 1);
}

function write_all(Base $o, int $i): void {
  $o->a = $o->a + 1;
  $o->s = "s" . ($i % 10);
  $o->m = $i % 3 === 0 ? "str" : $i;
  $o->f = $o->f + 0.5;
}

function read_mixed(mixed $o): int {
  return $o->a;
}

function main(): void {
  $objs = [new Base(1.5), new Mid(2.5), new Leaf(3.5)];
  $t = 0.0;
  for ($i = 0; $i < 3000; $i++) {
    foreach ($objs as $o) {
      $t += read_all($o);
      write_all($o, $i);
    }
  }
  echo $t, "\n";
  foreach ($objs as $o) {
    echo hh_get_class($o), " ", $o->a, " ", $o->s, " ", $o->m, " ", $o->f, "\n";
  }
  $u = 0;
  $mixed = [new Base(0.0), new Leaf(0.0), new Other()];
  for ($i = 0; $i < 3000; $i++) {
    foreach ($mixed as $o) {
      $u += read_mixed($o);
    }
  }
  echo $u, "\n";
  $l = new Leaf(1.0);
  echo $l->extra, " ", $l->b, "\n";
  try {
    echo $l->late, "\n";
  } catch (Error $e) {
    echo "Error reading late\n";
  }
  $l->late = 7;
  echo $l->late, "\n";
  foreach ([null, [1], new Other()] as $bad) {
    try {
      $l->a = $bad;
      echo "no error\n";
    } catch (TypeError $e) {
      echo "TypeError\n";
    }
  }
  echo $l->a, "\n";
}

main();
