<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Objects with __toString against strings inside builtins: min/max (arguments and containers), Math\max, the default sort order, in_array (loose and strict); a __toString that throws reaches the catch.
class S {
  public function __construct(private string $s) {}
  public function __toString(): string { return $this->s; }
}
class Bad { public function __toString(): string { throw new Exception("bad"); } }
function main(): void {
  echo (new S('S') < 'abc') ? "lt\n" : "ge\n";
  echo max(new S('S'), 'abc'), "\n";
  echo max('abc', new S('zz')), "\n";
  echo min([new S('m'), 'x', 'b']), "\n";
  echo Math\max(['a', new S('q')]), "\n";
  echo implode(',', Vec\sort([new S('c'), 'a', new S('b')])), "\n";
  var_dump(in_array('S1', [new S('S1')]));
  var_dump(in_array(new S('x'), ['y', 'x']));
  var_dump(in_array('S1', [new S('S1')], true));
  try { max(new Bad(), 'a'); } catch (Exception|DivisionByZeroError $e) { echo "caught ", $e->getMessage(), "\n"; }
  echo "after\n";
}

main();
