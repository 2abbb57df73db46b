<?hh
// oracle: hand
// Exception and Error subclasses that redeclare $message or $code with a default keep it when
// the built-in constructor gets the default argument (HHVM's constructor assigns $message only
// if the argument is not "" or the property is still "", and $code alike with 0).
class MyEx extends Exception { protected string $message = "ex default"; protected int $code = 42; }
class MyErr extends Error { protected string $message = "err default"; }
class Plain extends Exception {}
<<__EntryPoint>> function main(): void {
  for ($i = 0; $i < 3; $i++) {
    $e = new MyEx();        echo $e->getMessage(), "|", $e->getCode(), "\n";
    $g = new MyEx("given"); echo $g->getMessage(), "|", $g->getCode(), "\n";
    $h = new MyEx("", 7);   echo $h->getMessage(), "|", $h->getCode(), "\n";
    echo (new MyErr())->getMessage(), "|", (new MyErr("x", 3))->getMessage(), "\n";
    $p = new Plain("m", 5, $g); echo $p->getMessage(), "|", $p->getCode(), "|", $p->getPrevious()?->getMessage(), "\n";
    try { throw new MyEx(); } catch (Exception $x) { echo get_class($x), ": ", $x->getMessage(), "\n"; }
  }
}
