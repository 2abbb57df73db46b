<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// One call site that sees many receiver classes (more than a site's method cache holds, with
// class ids that share cache entries), inherited and overridden methods, and a method that is
// private in one class: every call must reach the receiver's own method, and the private one
// must fail each time, however often the site ran before.

interface Shape { public function area(): int; }

abstract class Base implements Shape {
  public function __construct(protected int $x) {}
  public function area(): int { return $this->x; }
  public function name(): string { return static::class; }
}

class S0 extends Base { public function area(): int { return $this->x + 1; } }
class S1 extends Base { public function area(): int { return $this->x * 2; } }
class S2 extends Base {}
class S3 extends Base { public function area(): int { return $this->x - 3; } }
class S4 extends S3 {}
class S5 extends S3 { public function area(): int { return parent::area() * 10; } }
class S6 extends Base { public function area(): int { return $this->x ^ 5; } }
class S7 extends Base { public function area(): int { return 7; } }
class S8 extends Base { public function area(): int { return $this->x + 8; } }
class S9 extends S8 {}
class S10 extends Base { public function area(): int { return -$this->x; } }
class S11 extends S1 { public function name(): string { return "eleven"; } }
class S12 implements Shape { public function area(): int { return 12; } }
class Hidden { private function area(): int { return 0; } }

function make(int $i): mixed {
  switch ($i % 14) {
    case 0: return new S0($i);
    case 1: return new S1($i);
    case 2: return new S2($i);
    case 3: return new S3($i);
    case 4: return new S4($i);
    case 5: return new S5($i);
    case 6: return new S6($i);
    case 7: return new S7($i);
    case 8: return new S8($i);
    case 9: return new S9($i);
    case 10: return new S10($i);
    case 11: return new S11($i);
    case 12: return new S12();
    default: return new Hidden();
  }
}

function call_area(mixed $o): int {
  return $o->area();
}

function main(): void {
  $objs = [];
  for ($i = 0; $i < 28; $i++) {
    $objs[] = make($i);
  }
  $sum = 0;
  $fails = 0;
  $per = [];
  for ($round = 0; $round < 400; $round++) {
    foreach ($objs as $o) {
      try {
        $a = call_area($o);
        $sum = ($sum + $a) & 0xffffff;
        $k = hh_get_class($o);
        $per[$k] = ($per[$k] ?? 0) + $a;
      } catch (Error $e) {
        $fails++;
        if ($round === 399) {
          echo hh_get_class($e), " from ", hh_get_class($o), "\n";
        }
      }
    }
  }
  echo "sum ", $sum, " fails ", $fails, "\n";
  foreach ($per as $k => $v) {
    echo $k, " ", $v, "\n";
  }
  $names = [];
  foreach ($objs as $o) {
    if (($o instanceof Base)) {
      $names[] = $o->name();
    }
  }
  echo implode(",", $names), "\n";
}

main();
