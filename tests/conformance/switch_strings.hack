<?hh
// switch on strings and ints: fall-through chains, default in the middle,
// string cases, numeric strings matching numerically (switch uses ==),
// break inside a switch inside a loop, nested switch, empty-string case.

function token_kind(string $t): string {
  switch ($t) {
    case "+":
    case "-":
      return "additive";
    case "*":
    case "/":
    case "%":
      return "multiplicative";
    default:
      return "other";
    case "(":
    case ")":
      return "paren";
  }
}

function http_status(int $code): string {
  $s = "";
  switch (intdiv($code, 100)) {
    case 2:
      $s = "success";
      break;
    case 3:
      $s = "redirect";
      break;
    case 4:
      switch ($code) {
        case 404:
          $s = "not found";
          break;
        case 403:
          $s = "forbidden";
          break;
        default:
          $s = "client error";
      }
      break;
    case 5:
      $s = "server error";
      break;
    default:
      $s = "unknown";
  }
  return $code." ".$s;
}

function level_perms(string $level): string {
  $p = "";
  switch ($level) {
    case "admin":
      $p .= "D";
      // FALLTHROUGH
    case "editor":
      $p .= "W";
      // FALLTHROUGH
    case "viewer":
      $p .= "R";
      break;
    default:
      $p .= "-";
  }
  return $level.":".$p;
}

function numeric_match(string $s): string {
  switch ($s) {
    case "1":
      return "one";
    case "2.0":
      return "two-point-oh";
    case "10":
      return "ten";
    default:
      return "no match";
  }
}

<<__EntryPoint>>
function main(): void {
  $expr = "(1+2)*3-4/5%6";
  $line = "";
  for ($i = 0; $i < strlen($expr); $i++) {
    $line .= $expr[$i]."=".token_kind($expr[$i])." ";
  }
  echo rtrim($line), "\n";
  for ($code = 200; $code <= 600; $code += 101) {
    echo http_status($code), "; ";
  }
  echo http_status(404), "; ", http_status(403), "\n";
  echo level_perms("admin"), " ", level_perms("editor"), " ", level_perms("viewer"), " ", level_perms("guest"), "\n";
  echo numeric_match("1"), " ", numeric_match("01"), " ", numeric_match("2"), " ", numeric_match("1e1"), " ", numeric_match("ten"), "\n";
  // break only leaves the switch, not the loop
  $out = "";
  for ($i = 0; $i < 10; $i++) {
    if ($i % 4 === 0) {
      continue;
    }
    switch ($i % 4) {
      case 1:
        $out .= "a";
        break;
      case 2:
        $out .= "b";
        // FALLTHROUGH
      default:
        $out .= "c";
    }
    $out .= $i;
  }
  echo $out, "\n";
  $empty = "";
  switch ($empty) {
    case "0":
      echo "matched zero\n";
      break;
    case "":
      echo "matched empty\n";
      break;
  }
}
