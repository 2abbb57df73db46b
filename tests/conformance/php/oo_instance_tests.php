<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Instance tests in compiled code: parameter and return types and `instanceof` against a class
// hierarchy with an interface, on instances of the class, of subclasses, of an unrelated class,
// on null for a nullable type and on non-objects; 70 more subclasses push class ids past 64
// (compiled code asks the runtime for those, and tests the others inline). Every phase runs
// hot enough to be compiled by every tier.

interface Shape {
  public function area(): int;
}

abstract class Base implements Shape {
  public function __construct(protected int $n) {}
  public function area(): int {
    return $this->n;
  }
}

class Sq extends Base {
  public function area(): int {
    return $this->n * $this->n;
  }
}

class Cube extends Sq {}

class Other {}

class K0 extends Base {}
class K1 extends Base {}
class K2 extends Base {}
class K3 extends Base {}
class K4 extends Base {}
class K5 extends Base {}
class K6 extends Base {}
class K7 extends Base {}
class K8 extends Base {}
class K9 extends Base {}
class K10 extends Base {}
class K11 extends Base {}
class K12 extends Base {}
class K13 extends Base {}
class K14 extends Base {}
class K15 extends Base {}
class K16 extends Base {}
class K17 extends Base {}
class K18 extends Base {}
class K19 extends Base {}
class K20 extends Base {}
class K21 extends Base {}
class K22 extends Base {}
class K23 extends Base {}
class K24 extends Base {}
class K25 extends Base {}
class K26 extends Base {}
class K27 extends Base {}
class K28 extends Base {}
class K29 extends Base {}
class K30 extends Base {}
class K31 extends Base {}
class K32 extends Base {}
class K33 extends Base {}
class K34 extends Base {}
class K35 extends Base {}
class K36 extends Base {}
class K37 extends Base {}
class K38 extends Base {}
class K39 extends Base {}
class K40 extends Base {}
class K41 extends Base {}
class K42 extends Base {}
class K43 extends Base {}
class K44 extends Base {}
class K45 extends Base {}
class K46 extends Base {}
class K47 extends Base {}
class K48 extends Base {}
class K49 extends Base {}
class K50 extends Base {}
class K51 extends Base {}
class K52 extends Base {}
class K53 extends Base {}
class K54 extends Base {}
class K55 extends Base {}
class K56 extends Base {}
class K57 extends Base {}
class K58 extends Base {}
class K59 extends Base {}
class K60 extends Base {}
class K61 extends Base {}
class K62 extends Base {}
class K63 extends Base {}
class K64 extends Base {}
class K65 extends Base {}
class K66 extends Base {}
class K67 extends Base {}
class K68 extends Base {}
class K69 extends Base {}

function take_base(Base $b): int {
  return $b->area();
}

function take_shape(?Shape $s): int {
  return $s === null ? -1 : $s->area();
}

function give_sq(Base $b): Sq {
  return $b;
}

function kinds(mixed $x): string {
  return ($x instanceof Shape ? "S" : "-") . ($x instanceof Base ? "B" : "-") .
    ($x instanceof Sq ? "Q" : "-") . ($x instanceof Cube ? "C" : "-") .
    ($x instanceof K69 ? "K" : "-") . ($x instanceof Other ? "O" : "-");
}

function main(): void {
  $objs = [new Sq(2), new Cube(3), new K0(5), new K69(7), new K33(4)];
  $all = [new Sq(2), new Cube(3), new K0(5), new K69(7), new K33(4), new Other(), 5, null, "Sq"];
  $t = 0;
  $c = 0;
  for ($i = 0; $i < 3000; $i++) {
    foreach ($objs as $o) {
      $t += take_base($o) + take_shape($o);
    }
    $t += take_shape(null);
    foreach ($all as $x) {
      $c += strlen(str_replace("-", "", kinds($x)));
    }
    $t += give_sq($objs[$i % 2])->area();
  }
  echo $t, " ", $c, "\n";
  foreach ($all as $x) {
    echo kinds($x), "\n";
  }
  foreach ([new Other(), 5, null] as $bad) {
    try {
      take_base($bad);
      echo "no error\n";
    } catch (TypeError $e) {
      echo "TypeError\n";
    }
  }
  foreach ([new Other(), 5] as $bad) {
    try {
      take_shape($bad);
      echo "no error\n";
    } catch (TypeError $e) {
      echo "TypeError\n";
    }
  }
  foreach ($objs as $o) {
    try {
      echo hh_get_class(give_sq($o)), "\n";
    } catch (TypeError $e) {
      echo "TypeError ", hh_get_class($o), "\n";
    }
  }
}

main();
