<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// `.=` onto a property, a static property and a local inside `try` grows the string in place
// (a template builder's `$this->out .= ...` of 60,000 pieces is linear; it was quadratic); a
// `__toString()` that throws during `.=` leaves the property's string as it was.
class Broken {
  public function __toString(): string {
    throw new Exception('no text');
  }
}
class Shout {
  public function __toString(): string {
    return 'HEY';
  }
}
class Page {
  public string $out = '';
  public static string $log = '';
  public mixed $obj = null;
  public function add(string $s): void {
    $this->out .= $s;
  }
}
function main(): void {
  $p = new Page();
  for ($i = 0; $i < 60000; $i++) {
    $p->add("<li>item $i</li>\n");
    Page::$log .= 'x';
  }
  echo strlen($p->out), " ", strlen(Page::$log), " ", substr($p->out, 0, 14), "\n";
  $s = '';
  try {
    for ($i = 0; $i < 60000; $i++) {
      $s .= 'ab';
    }
  } catch (Exception|DivisionByZeroError $e) {
    echo "unexpected\n";
  }
  echo strlen($s), "\n";
  $q = new Page();
  $q->out = 'kept';
  try {
    $q->out .= new Broken();
  } catch (Exception|DivisionByZeroError $e) {
    echo $e->getMessage(), ": ", $q->out, "\n";
  }
  Page::$log = 'log';
  try {
    Page::$log .= new Broken();
  } catch (Exception|DivisionByZeroError $e) {
    echo $e->getMessage(), ": ", Page::$log, "\n";
  }
  $q->out .= new Shout();
  echo $q->out, "\n";
  $q->obj = new Shout();
  $q->obj .= '!';
  echo $q->obj, "\n";
  $t = 'local';
  try {
    $t .= new Broken();
  } catch (Exception|DivisionByZeroError $e) {
    echo $e->getMessage(), ": ", $t, "\n";
  }
}

main();
