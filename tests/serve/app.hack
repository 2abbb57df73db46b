<?hh
// A small web app for tests/tests/serve.rs: routing on the path, query parameters, a static
// counter and a memoized function (both per request), errors, a loop for the step budget and the
// time-out, a growing vec for the memory limit, and a request with a computed answer.

final class Counter {
  public static int $hits = 0;
}

<<__Memoize>>
function expensive(int $n): int {
  Counter::$hits++;
  return $n * $n;
}

function page(string $title, vec<string> $items): string {
  $s = "<h1>" . htmlspecialchars($title) . "</h1><ul>";
  foreach ($items as $i) {
    $s .= "<li>" . htmlspecialchars($i) . "</li>";
  }
  return $s . "</ul>\n";
}

function sum_to(int $n): int {
  $s = 0;
  for ($i = 1; $i <= $n; $i++) {
    $s += $i;
  }
  return $s;
}

<<__EntryPoint>>
function main(
  string $path = "/",
  dict<string, string> $query = dict[],
  string $method = "GET",
  string $body = "",
): void {
  if ($path === "/hello") {
    echo page("Hello " . ($query['name'] ?? "world"), vec["a<b", "c&d"]);
  } else if ($path === "/count") {
    Counter::$hits++;
    echo "hits ", Counter::$hits, " memo ", expensive(7), expensive(7), " calls ", Counter::$hits, "\n";
  } else if ($path === "/sum") {
    echo sum_to((int)($query['n'] ?? "10")), "\n";
  } else if ($path === "/throw") {
    echo "before\n";
    throw new InvalidArgumentException("bad input");
  } else if ($path === "/exit") {
    echo "leaving\n";
    exit(4);
  } else if ($path === "/spin") {
    while (true) {}
  } else if ($path === "/grow") {
    $v = vec[1];
    while (true) {
      $v = Vec\concat($v, $v);
    }
  } else if ($path === "/partial") {
    echo "partial";
    throw new RuntimeException("late");
  } else if ($path === "/work") {
    // Strings, a dict, a sorted vec, a closure and the memoized function: a request whose answer
    // the tests compute, for many requests at once on several VM threads.
    $n = (int)($query['n'] ?? "10");
    $d = dict[];
    for ($i = 0; $i < $n; $i++) {
      $d["k".$i] = str_repeat("x", $i % 7).$i;
    }
    $total = 0;
    foreach ($d as $k => $v) {
      $total += strlen($k) + strlen($v);
    }
    $v = Vec\sort(Vec\map(Vec\range(1, $n), $x ==> ($x * 7919) % 1000));
    echo $n, " ", $total, " ", $v[0], " ", $v[$n - 1], " ", expensive($n), "\n";
  } else if ($path === "/big") {
    // `kb` KiB of output.
    $k = str_repeat("k", 1024);
    for ($i = 0; $i < (int)($query['kb'] ?? "1"); $i++) {
      echo $k;
    }
  } else if ($path === "/echo") {
    // The method, the body's length, and its fields decoded as a form's.
    echo $method, " ", strlen($body), "\n";
    if ($body !== "") {
      foreach (explode("&", $body) as $field) {
        $kv = explode("=", $field, 2);
        echo urldecode($kv[0]), "=", urldecode($kv[1] ?? ""), "\n";
      }
    }
  } else if ($path === "/lengths") {
    foreach ($query as $k => $v) {
      echo $k, "=", strlen($v), ";";
    }
    echo "\n";
  } else {
    echo "no route for ", $path, " (", C\count($query), " parameters)\n";
  }
}
