<?hh
// Warm-up workload for `jsvm serve` (the server rows of `jsvm-bench`'s warm-up section): the
// request handler of `server.hack` as a web app. `GET /handle?req=N` does request N's work
// (1,500 iterations over 7 small functions: routing, arithmetic, string formatting) and answers
// its checksum; the harness measures each response's latency from outside.
function hash_step(int $h, int $x): int {
  return (($h ^ $x) * 16777619) & 0xffffffff;
}

function route(int $id): int {
  $r = $id % 7;
  if ($r === 0) { return 1; }
  if ($r < 3) { return 2; }
  if ($r < 5) { return 3; }
  return 4;
}

function price(int $qty, float $unit, int $tier): float {
  $p = $qty * $unit;
  if ($tier === 1) { return $p * 0.9; }
  if ($tier === 2) { return $p * 0.95; }
  return $p;
}

function fmt_money(float $v): string {
  $cents = (int)($v * 100.0);
  return "$" . intdiv($cents, 100) . "." . ($cents % 100 < 10 ? "0" : "") . ($cents % 100);
}

function row(int $i, int $tier): string {
  $qty = ($i * 7) % 13 + 1;
  $unit = (($i * 31) % 1000) / 10.0;
  return "<tr><td>" . $i . "</td><td>" . $qty . "</td><td>" . fmt_money(price($qty, $unit, $tier)) . "</td></tr>";
}

function score(int $a, int $b): int {
  $s = 0;
  for ($k = 0; $k < 20; $k++) {
    $s = hash_step($s, $a * $k + $b);
  }
  return $s;
}

function handle(int $req): int {
  $kind = route($req);
  $h = 2166136261;
  $len = 0;
  for ($i = 0; $i < 1500; $i++) {
    $html = row($i + $req, $kind);
    $len += strlen($html);
    $h = hash_step($h, score($i, $req) + $len);
  }
  return $h ^ $len;
}

<<__EntryPoint>>
function main(string $path = "/handle", dict<string, string> $query = dict[]): void {
  $req = (int)($query['req'] ?? "0");
  if ($path !== "/handle") {
    echo "no route for ", $path, "\n";
    return;
  }
  echo "request ", $req, " checksum ", handle($req), "\n";
}
