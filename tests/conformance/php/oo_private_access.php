<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Private members from outside their class: reading or writing a private property, and
// calling a private method from outside (global code, or a subclass's method), throw Error;
// a private constructor is called through the class's static factory; protected and public
// members stay reachable. Hot, so every tier's call sites and property sites meet the errors.

class Acct {
  private int $balance = 1;
  protected int $fee = 2;
  private function secret(): int { return 10; }
  private function __construct(public int $id) {}
  public static function open(int $id): Acct { return new Acct($id); }
  public function total(): int { return $this->balance + $this->fee + $this->secret() + $this->id; }
}

class Plan {
  protected int $fee = 2;
  private function secret(): int { return 1; }
}

class Premium extends Plan {
  public function callSecret(): int { return $this->secret(); }
  public function fee(): int { return $this->fee; }
}

function attempt(\Closure $f): string {
  try {
    return (string)$f();
  } catch (Error $e) {
    return hh_get_class($e);
  }
}

function main(): void {
  $a = Acct::open(5);
  echo $a->total(), " ", $a->id, "\n";
  try {
    echo $a->balance, "\n";
  } catch (Error $e) {
    echo hh_get_class($e), ": ", $e->getMessage(), "\n";
  }
  try {
    $a->balance = 3;
    echo "wrote\n";
  } catch (Error $e) {
    echo hh_get_class($e), ": ", $e->getMessage(), "\n";
  }
  echo attempt(fn() => $a->secret()), "\n";
  $p = new Premium();
  echo $p->fee(), " ", attempt(fn() => $p->callSecret()), "\n";
  $t = 0;
  $errors = 0;
  for ($i = 0; $i < 3000; $i++) {
    $t += $a->total() + $a->id;
    try {
      $t += $a->secret();
    } catch (Error $e) {
      $errors++;
    }
    try {
      $t += $a->balance;
    } catch (Error $e) {
      $errors++;
    }
  }
  echo $t, " ", $errors, "\n";
}

main();
