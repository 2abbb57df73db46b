<?hh
// oracle: hand
// Graph algorithms over dict<string, vec<...>>: nested copy-on-write updates,
// mutation of the iterated container inside foreach, BFS/DFS/topo sort/Dijkstra/SCC.

function build(vec<string> $edges): dict<string, dict<string, mixed>> {
  $g = dict[];
  foreach ($edges as $e) {
    list($from, $rest) = explode('->', $e);
    list($to, $w) = explode(':', $rest);
    $from = trim($from); $to = trim($to);
    if (!C\contains_key($g, $from)) $g[$from] = dict['out' => vec[], 'in' => 0, 'w' => dict[]];
    if (!C\contains_key($g, $to)) $g[$to] = dict['out' => vec[], 'in' => 0, 'w' => dict[]];
    $g[$from]['out'][] = $to;
    $g[$from]['w'][$to] = (int)$w;
    $g[$to]['in'] = $g[$to]['in'] + 1;
  }
  return $g;
}

function show(dict<string, dict<string, mixed>> $g): void {
  foreach ($g as $n => $info) {
    $ws = vec[];
    foreach ($info['w'] as $to => $w) $ws[] = "$to($w)";
    echo "  $n in=", $info['in'], " out=[", implode(' ', $ws), "]\n";
  }
}

function bfs(dict<string, dict<string, mixed>> $g, string $start): vec<string> {
  $seen = keyset[$start];
  $queue = vec[$start];
  $order = vec[];
  // the queue grows while we iterate: iterate by index
  for ($i = 0; $i < count($queue); $i++) {
    $n = $queue[$i];
    $order[] = $n;
    foreach ($g[$n]['out'] as $m) {
      if (!C\contains_key($seen, $m)) { $seen[] = $m; $queue[] = $m; }
    }
  }
  return $order;
}

function dfs(dict<string, dict<string, mixed>> $g, string $n, keyset<string> $seen = keyset[], int $depth = 0): vec<mixed> {
  $seen[] = $n;
  $trace = vec[str_repeat(' ', $depth) . $n];
  foreach ($g[$n]['out'] as $m) {
    if (!C\contains_key($seen, $m)) {
      list($seen, $sub) = dfs($g, $m, $seen, $depth + 1);
      $trace = Vec\concat($trace, $sub);
    }
  }
  return vec[$seen, $trace];
}

function topo(dict<string, dict<string, mixed>> $g): ?vec<string> {
  $indeg = Dict\map($g, $i ==> $i['in']);
  $ready = Vec\filter(Vec\keys($indeg), $k ==> $indeg[$k] === 0);
  $ready = Vec\sort($ready);
  $out = vec[];
  while (!C\is_empty($ready)) {
    $n = $ready[0];
    $ready = Vec\drop($ready, 1);
    $out[] = $n;
    foreach ($g[$n]['out'] as $m) {
      $indeg[$m] -= 1;
      if ($indeg[$m] === 0) { $ready[] = $m; $ready = Vec\sort($ready); }
    }
  }
  return count($out) === count($g) ? $out : null;
}

function dijkstra(dict<string, dict<string, mixed>> $g, string $src): dict<string, vec<mixed>> {
  $dist = dict[$src => 0];
  $prev = dict[];
  $done = keyset[];
  while (true) {
    $best = null; $bestD = PHP_INT_MAX;
    foreach ($dist as $n => $d) {
      if (!C\contains_key($done, $n) && $d < $bestD) { $best = $n; $bestD = $d; }
    }
    if ($best === null) break;
    $done[] = $best;
    foreach ($g[$best]['w'] as $m => $w) {
      $nd = $bestD + $w;
      if (!isset($dist[$m]) || $nd < $dist[$m]) { $dist[$m] = $nd; $prev[$m] = $best; }
    }
  }
  $res = dict[];
  foreach (Dict\sort_by_key($dist) as $n => $d) {
    $path = vec[$n];
    $c = $n;
    while (isset($prev[$c])) { $c = $prev[$c]; $path[] = $c; }
    $res[$n] = vec[$d, implode('>', Vec\reverse($path))];
  }
  return $res;
}

<<__EntryPoint>>
function main(): void {
  $g = build(vec[
    'a->b:4', 'a->c:1', 'c->b:2', 'b->d:1', 'c->d:5', 'd->e:3', 'e->f:1', 'c->f:9', 'g->a:2',
  ]);
  echo "graph\n"; show($g);
  echo "bfs a: ", implode(',', bfs($g, 'a')), "\n";
  echo "bfs g: ", implode(',', bfs($g, 'g')), "\n";
  list($seen, $trace) = dfs($g, 'g');
  echo "dfs g:\n", implode("\n", $trace), "\n seen=", implode('', $seen), "\n";
  $t = topo($g);
  echo "topo: ", $t === null ? 'CYCLE' : implode(' ', $t), "\n";
  foreach (dijkstra($g, 'g') as $n => list($d, $p)) echo "  dist $n = $d via $p\n";

  // copy-on-write: a snapshot is unaffected by nested writes to the original
  $snap = $g;
  $g['a']['out'][] = 'zz';
  $g['a']['w']['zz'] = 100;
  $g['zz'] = dict['out' => vec['g'], 'in' => 1, 'w' => dict['g' => 1]];
  $g['g']['in']++;
  echo "after edit: a.out=", implode(',', $g['a']['out']), " snap a.out=", implode(',', $snap['a']['out']), "\n";
  echo "counts ", count($g), " ", count($snap), "\n";
  $t = topo($g);
  echo "topo: ", $t === null ? 'CYCLE' : implode(' ', $t), "\n";

  // mutate the iterated dict inside foreach: iteration sees the original
  $iter = 0;
  foreach ($g as $n => $info) {
    $iter++;
    if ($n === 'a') { unset($g['b']); $g['new1'] = dict['out' => vec[], 'in' => 0, 'w' => dict[]]; }
    if (C\contains_key($g, $n)) $g[$n]['in'] = $info['in'] * 10; else echo "  ($n gone)\n";
  }
  echo "iterated $iter, keys now: ", implode(',', Vec\keys($g)), "\n";
  show($g);

  // mutate a vec while iterating it by value
  $v = vec[1, 2, 3];
  foreach ($v as $i => $x) {
    $v[] = $x * 10;
    if ($i === 0) $v[1] = 99;
    echo "  i=$i x=$x count=", count($v), "\n";
  }
  echo "v=", implode(',', $v), "\n";

  // keyset edge cases
  $ks = keyset[1, '1', 2, 'two'];
  $ks[] = 2;
  $ks[] = '2';
  echo "keyset count=", count($ks), " has int 1:", C\contains_key($ks, 1) ? 'y' : 'n', " has '1':", C\contains_key($ks, '1') ? 'y' : 'n', "\n";
  foreach ($ks as $k) echo "  ", gettype($k), ":", $k, "\n";
  unset($ks['1']);
  echo "after unset '1': ", count($ks), " ", json_encode(Vec\keys($ks)), "\n";
  $d = dict[1 => 'int', '1' => 'str', '01' => 'zero'];
  $d[1] .= '!';
  echo "dict: ", count($d), " ", $d[1], " ", $d['1'], " ", $d['01'], "\n";
  var_dump($d);
}
