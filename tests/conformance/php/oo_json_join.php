<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Objects in Str\join and Str\format (converted by __toString, as implode and sprintf), and json_encode of objects: their initialized public properties, nested objects and containers, an object inside itself (false).
class T { public function __toString(): string { return "ab"; } }
class P { public int $a = 1; protected int $b = 2; private int $c = 3; public ?P $next = null; }
class U /* HH: extends P; HHVM lists U's own properties before P's (IteratePropToArrayOrder), so P's are declared after them here */ { public function __construct(public string $name, public array $v = [1, 2]) {} public int $a = 1; protected int $b = 2; private int $c = 3; public ?P $next = null; }
class Loop { public ?Loop $me = null; }
function main(): void {
  echo Str\join([new T(), "z"], "+"), "\n";
  echo Str\format("%s|%s", new T(), 5), "\n";
  var_dump(json_encode(new U("x")));
  $u = new U("y"); $u->next = new P();
  var_dump(json_encode(["u" => $u, "e" => new Loop()]));
  $l = new Loop(); $l->me = $l;
  var_dump(json_encode($l));
  var_dump(json_encode([new T()]));
}

main();
