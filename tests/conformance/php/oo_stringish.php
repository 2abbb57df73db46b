<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Objects with __toString passed to the builtins that take any value and print it (strval,
// implode's pieces, sprintf/printf arguments) and compared with strings (==, <, <=>): the object
// converts by __toString, as in PHP and HHVM (`===` never does). A builtin's `string` parameter
// does not take one (TypeError, as PHP with strict types). Objects without __toString against
// strings, null and bools follow PHP 8's rules.

class Name {
  public function __construct(private string $n) {}
  public function __toString(): string {
    return $this->n;
  }
}

class Plain {
  public int $x = 1;
}

class Loud {
  public static int $calls = 0;
  public function __toString(): string {
    Loud::$calls++;
    return "LOUD";
  }
}

function b(bool $v): string {
  return $v ? "T" : "F";
}

function show(mixed $a, mixed $b): void {
  echo b($a == $b), b($a != $b), b($a < $b), b($a <= $b), b($a > $b), b($a >= $b), " ", $a <=> $b, "\n";
}

function main(): void {
  $ann = new Name("ann");
  $bob = new Name("bob");
  echo strval($ann), " ", strlen(strval($bob)), "\n";
  echo implode(", ", [$ann, $bob, "carl", 4]), "|", join("-", ['x' => $bob, 'y' => $ann]), "\n";
  echo sprintf("[%s] [%5s] [%-5s]", $ann, $bob, $ann), "\n";
  printf("%s and %s\n", $bob, $ann);
  try {
    echo strlen($bob), "\n";
  } catch (TypeError $e) {
    echo "TypeError\n";
  }

  show($ann, "ann");
  show("ann", $ann);
  show($ann, "bob");
  show("bob", $ann);
  show($bob, "10");
  show(new Name("10"), "10.0");
  show(new Name("abc"), "ABC");

  $p = new Plain();
  show($p, "zzz");
  show("zzz", $p);
  show($p, null);
  show(null, $p);
  show($p, true);
  show($p, false);

  $names = [new Name("carl"), new Name("ann"), new Name("bob")];
  $found = 0;
  foreach ($names as $n) {
    if ($n == "bob") {
      $found++;
    }
    if ("ann" === $n) {
      $found += 100;
    }
  }
  echo "found ", $found, "\n";

  $l = new Loud();
  echo b($l == "LOUD"), b($l < "M"), strval($l), implode("", [$l, $l]), " calls ", Loud::$calls, "\n";
}

main();
