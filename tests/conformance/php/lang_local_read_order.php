<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Locals are read when the operation that uses them runs, as HHVM and PHP read them: a local left
// operand after the right operand, a local dict key after its value, the locals of an element
// or property path after its computed keys (and a target's after the assigned value).
class N {
  public int $n = 0;
}
class O {
  public N $next;
  public array $v = [0, 0];
  public function __construct() {
    $this->next = new N();
  }
  public function relink(): int {
    $this->next = new N();
    return 7;
  }
}
function main(): void {
  $i = 1;
  echo $i + ($i = 5), " ", $i * ($i = 3), " ", $i - ($i = 10), "\n";
  $i = 0;
  echo $i . $i++, " ", $i < ($i = 100) ? 'lt' : 'ge', "\n";
  $s = 'x';
  echo $s . ($s = 'a') . $s, "\n";
  $k = 'a';
  $d = [$k => ($k = 'b')];
  echo implode(',', Vec\keys($d)), "\n";
  $k = 'a';
  $e = [];
  $e[$k] = ($k = 'b');
  echo implode(',', Vec\keys($e)), "\n";
  $a = [[10, 11], [20, 21]];
  $i = 0;
  echo $a[$i][$i++], " ", $i, "\n";
  $o = new N();
  $first = $o;
  $o->n = ($o = new N())->n + 1;
  echo $first->n, $o->n, "\n";
  $p = new O();
  $old = $p->next;
  $p->next->n = $p->relink();
  echo $old->n, " ", $p->next->n, "\n";
  $j = 0;
  $p->v[$j] = ($j = 1) + 40;
  echo implode(',', $p->v), "\n";
  $t = 0;
  for ($r = 0; $r < 2000; $r++) {
    $t += $r + ($r = $r + 1);
  }
  echo $t, "\n";
}

main();
