<?hh
// Jump-Start test program: one method call site that always calls Dog::speak (the consumer calls
// it directly) and one that calls Animal::legs and Bird::legs alike (left to the helper).

class Animal {
  public function speak(): int {
    return 1;
  }
  public function legs(): int {
    return 4;
  }
}

class Dog extends Animal {
  public function speak(): int {
    return 2;
  }
}

class Bird extends Animal {
  public function legs(): int {
    return 2;
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

<<__EntryPoint>>
function main(): void {
  $dogs = vec[new Dog(), new Dog()];
  $mixed = vec[new Dog(), new Bird()];
  $t = 0;
  for ($i = 0; $i < 2000; $i++) {
    $t += one_target($dogs) + two_targets($mixed);
  }
  // Receivers the profile never saw, through the same sites.
  echo $t, " ", one_target(vec[new Animal(), new Bird()]), " ", two_targets(vec[new Animal()]), "\n";
}
