<?hh
// oracle: hand
// `continue` directly inside a `switch` leaves the switch, as `break` does: in hackc's
// jump_targets a switch region is the target of both `break` and `continue` (PHP does the same,
// with a warning). Hack's typechecker rejects such code; HHVM's runtime runs it this way.

function sw_loop(): string {
  $out = "";
  for ($i = 0; $i < 5; $i++) {
    switch ($i) {
      case 1:
        $out .= "one ";
        continue;
      case 3:
        $out .= "three ";
        break;
      default:
        $out .= "d$i ";
    }
    $out .= "after$i ";
  }
  return $out;
}

function sw_nested_loop(): string {
  $out = "";
  foreach (vec[1, 2] as $i) {
    switch ($i) {
      case 1:
        for ($j = 0; $j < 3; $j++) {
          if ($j == 1) {
            continue; // the for loop's own continue
          }
          $out .= "j$j ";
        }
        continue; // leaves the switch
      default:
        $out .= "other ";
    }
    $out .= "end$i ";
  }
  return $out;
}

function no_loop(int $x): string {
  $out = "";
  switch ($x) {
    case 1:
      $out = "one";
      continue;
    default:
      $out = "other";
  }
  return $out."!";
}

<<__EntryPoint>>
function main(): void {
  echo sw_loop(), "\n";
  echo sw_nested_loop(), "\n";
  echo no_loop(1), " ", no_loop(2), "\n";
  $n = 0;
  for ($k = 0; $k < 2000; $k++) {
    switch ($k % 4) {
      case 0:
        continue;
      case 1:
        $n += 1;
        break;
      default:
        $n += 10;
    }
    $n += 100;
  }
  echo $n, "\n";
}
