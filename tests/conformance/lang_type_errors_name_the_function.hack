<?hh
// oracle: hand
// A failed return or parameter type check names the function as written, whichever code runs it:
// a loop entered by on-stack replacement (its code is a function of its own, `spin$osr$b1`
// inside jsvm: that name leaked into the message), an inlined callee, a typed entry. A return
// check says `function f()`, `method C::m()` or `closure`, as HHVM's `verifyFail`.

function spin(int $n, mixed $r): int {
  $h = 0;
  for ($i = 0; $i < $n; $i++) {
    $h = ($h * 31 + $i) % 1000003;
  }
  return $r;
}

function ret_str(mixed $r): int {
  return $r;
}

function takes_int(int $x): int {
  return $x + 1;
}

function calls(mixed $r): int {
  $t = 0;
  for ($i = 0; $i < 2000; $i++) {
    $t += ret_str($i) + takes_int($i);
  }
  return $t + ret_str($r);
}

<<__EntryPoint>>
function main(): void {
  try {
    echo spin(20000, "one"), "\n";
  } catch (TypeError $e) {
    echo $e->getMessage(), "\n";
  }
  echo spin(20000, 7), "\n";
  for ($k = 0; $k < 50; $k++) {
    calls(1);
  }
  try {
    echo calls("two"), "\n";
  } catch (TypeError $e) {
    echo $e->getMessage(), "\n";
  }
  $f = 'takes_int';
  try {
    echo $f("3"), "\n";
  } catch (TypeError $e) {
    echo $e->getMessage(), "\n";
  }
  $c = (mixed $x): int ==> $x;
  try {
    echo $c(4), $c("four"), "\n";
  } catch (TypeError $e) {
    echo $e->getMessage(), "\n";
  }
  try {
    echo Box::unbox("five"), "\n";
  } catch (TypeError $e) {
    echo $e->getMessage(), "\n";
  }
}

class Box {
  public static function unbox(mixed $v): int {
    return $v;
  }
}
