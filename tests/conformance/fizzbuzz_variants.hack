<?hh
// FizzBuzz several ways: if/elseif chain, string building, switch on a
// remainder, nested ternaries, a configurable version with default
// parameters, and counting statistics with while and do-while.

function fb_if(int $i): string {
  if ($i % 15 === 0) {
    return "FizzBuzz";
  } elseif ($i % 3 === 0) {
    return "Fizz";
  } else if ($i % 5 === 0) {
    return "Buzz";
  } else {
    return (string)$i;
  }
}

function fb_concat(int $i): string {
  $s = "";
  if ($i % 3 === 0) {
    $s .= "Fizz";
  }
  if ($i % 5 === 0) {
    $s .= "Buzz";
  }
  return $s === "" ? (string)$i : $s;
}

function fb_switch(int $i): string {
  switch ($i % 15) {
    case 0:
      return "FizzBuzz";
    case 3:
    case 6:
    case 9:
    case 12:
      return "Fizz";
    case 5:
    case 10:
      return "Buzz";
    default:
      return "$i";
  }
}

function fb_ternary(int $i): string {
  return $i % 15 === 0 ? "FizzBuzz" : ($i % 3 === 0 ? "Fizz" : ($i % 5 === 0 ? "Buzz" : (string)$i));
}

function fb_custom(int $i, int $a = 3, string $wa = "Fizz", int $b = 5, string $wb = "Buzz", ?string $other = null): string {
  $s = ($i % $a === 0 ? $wa : "").($i % $b === 0 ? $wb : "");
  return $s !== "" ? $s : ($other ?? (string)$i);
}

<<__EntryPoint>>
function main(): void {
  $line = "";
  for ($i = 1; $i <= 30; $i++) {
    $line .= fb_if($i).($i < 30 ? " " : "");
  }
  echo $line, "\n";
  $same = 0;
  for ($i = 0; $i <= 200; $i++) {
    $x = fb_if($i);
    if ($x === fb_concat($i) && $x === fb_switch($i) && $x === fb_ternary($i)) {
      $same++;
    }
  }
  echo "agreement on 0..200: ", $same, "\n";
  echo "negatives: ", fb_if(-15), " ", fb_if(-9), " ", fb_concat(-10), " ", fb_ternary(-7), "\n";
  echo fb_custom(21, 7, "Foo", 3, "Bar"), " ", fb_custom(10, 2, "Even", 5, "Five", "-"), " ", fb_custom(7, 2, "Even", 5, "Five", "-"), " ", fb_custom(9), " ", fb_custom(8), "\n";
  $row = "";
  for ($i = 1; $i <= 20; $i++) {
    $row .= fb_custom($i, 2, "x", 3, "y", ".");
  }
  echo $row, "\n";
  $fizz = 0;
  $buzz = 0;
  $both = 0;
  $i = 1;
  while ($i <= 100) {
    switch (fb_concat($i)) {
      case "Fizz":
        $fizz++;
        break;
      case "Buzz":
        $buzz++;
        break;
      case "FizzBuzz":
        $both++;
        break;
    }
    $i++;
  }
  echo "1..100: Fizz=", $fizz, " Buzz=", $buzz, " FizzBuzz=", $both, " plain=", 100 - $fizz - $buzz - $both, "\n";
  $n = 0;
  $found = 0;
  do {
    $n++;
    if (fb_if($n) === "FizzBuzz") {
      $found++;
    }
  } while ($found < 3);
  echo "third FizzBuzz at ", $n, "\n";
  print "print works: ".fb_if(45)."\n";
  $r = print "";
  echo "print returns ", $r, "\n";
}
