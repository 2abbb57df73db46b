<?hh
// Jump-Start test program: method call sites the consumer calls directly by the profile's call
// targets — one that always calls Dog::speak, one that calls Animal::legs and Bird::legs alike
// (two targets, each with its classes) — and one whose calls spread over six methods (left to
// the helper).

class Animal {
  public function speak(): int {
    return 1;
  }
  public function legs(): int {
    return 4;
  }
  public function kind(): int {
    return 0;
  }
}

class Dog extends Animal {
  public function speak(): int {
    return 2;
  }
  public function kind(): int {
    return 1;
  }
}

class Bird extends Animal {
  public function legs(): int {
    return 2;
  }
  public function kind(): int {
    return 2;
  }
}

class Cat extends Animal {
  public function kind(): int {
    return 3;
  }
}

class Fish extends Animal {
  public function kind(): int {
    return 4;
  }
}

class Snake extends Animal {
  public function kind(): int {
    return 5;
  }
}

function one_target(vec<Animal> $v): int {
  $t = 0;
  foreach ($v as $a) {
    $t += $a->speak();
  }
  return $t;
}

function two_targets(vec<Animal> $v): int {
  $t = 0;
  foreach ($v as $a) {
    $t += $a->legs();
  }
  return $t;
}

function six_targets(vec<Animal> $v): int {
  $t = 0;
  foreach ($v as $a) {
    $t += $a->kind();
  }
  return $t;
}

<<__EntryPoint>>
function main(): void {
  $dogs = vec[new Dog(), new Dog()];
  $mixed = vec[new Dog(), new Bird()];
  $zoo = vec[new Animal(), new Dog(), new Bird(), new Cat(), new Fish(), new Snake()];
  $t = 0;
  for ($i = 0; $i < 2000; $i++) {
    $t += one_target($dogs) + two_targets($mixed) + six_targets($zoo);
  }
  // Receivers the profile never saw at a site, through the same sites (Cat's legs are
  // Animal's: the first target's classes).
  echo $t, " ", one_target(vec[new Animal(), new Bird()]), " ",
    two_targets(vec[new Animal(), new Cat()]), " ", six_targets(vec[new Cat()]), "\n";
}
