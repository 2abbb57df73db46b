<?hh
// oracle: hand
// Spreadsheet: formula tokenizer, shunting-yard to RPN, evaluation with cell references,
// dependency cycles as exceptions, caching with invalidation, mixed int/float arithmetic, formatting.

class SheetError extends Exception {}
final class CycleError extends SheetError {
  public function __construct(public vec<string> $path) {
    parent::__construct('cycle: ' . implode(' -> ', $path));
  }
}
final class RefError extends SheetError {}

function tokenize(string $f): vec<string> {
  $out = vec[];
  $i = 0;
  $n = strlen($f);
  while ($i < $n) {
    $c = $f[$i];
    if ($c === ' ') { $i++; continue; }
    if (strpos('+-*/^(),%', $c) !== false) {
      // unary minus: at start or after operator / '(' / ','
      if ($c === '-' && (C\is_empty($out) || strpos('+-*/^(,%', C\last($out) as string) !== false && strlen(C\last($out) as string) === 1 && !is_numeric(C\last($out)))) {
        $out[] = 'neg';
      } else {
        $out[] = $c;
      }
      $i++;
      continue;
    }
    $j = $i;
    if (ctype($c) === 'digit' || $c === '.') {
      while ($j < $n && (ctype($f[$j]) === 'digit' || $f[$j] === '.')) $j++;
    } else if (ctype($c) === 'alpha') {
      while ($j < $n && (ctype($f[$j]) === 'alpha' || ctype($f[$j]) === 'digit')) $j++;
    } else {
      throw new SheetError("bad char '$c' in '$f'");
    }
    $out[] = substr($f, $i, $j - $i);
    $i = $j;
  }
  return $out;
}

function ctype(string $c): string {
  $o = ord($c);
  if ($o >= 48 && $o <= 57) return 'digit';
  if (($o >= 65 && $o <= 90) || ($o >= 97 && $o <= 122)) return 'alpha';
  return 'other';
}

const dict<string, vec<mixed>> OPS = dict[
  '+' => vec[1, 'L'], '-' => vec[1, 'L'], '*' => vec[2, 'L'], '/' => vec[2, 'L'], '%' => vec[2, 'L'],
  '^' => vec[4, 'R'], 'neg' => vec[3, 'R'],
];

function toRpn(vec<string> $toks): vec<string> {
  $out = vec[];
  $st = vec[];
  $argc = vec[];
  foreach ($toks as $i => $t) {
    if (is_numeric($t)) { $out[] = $t; continue; }
    if (C\contains_key(OPS, $t)) {
      list($p, $assoc) = OPS[$t];
      while ($t !== 'neg' && !C\is_empty($st)) {
        $top = C\last($st);
        if (!C\contains_key(OPS, $top)) break;
        $tp = OPS[$top][0];
        if ($tp > $p || ($tp === $p && $assoc === 'L')) {
          $out[] = $top;
          $st = Vec\take($st, count($st) - 1);
        } else break;
      }
      $st[] = $t;
      continue;
    }
    if ($t === '(') { $st[] = $t; continue; }
    if ($t === ',' || $t === ')') {
      while (!C\is_empty($st) && C\last($st) !== '(') {
        $out[] = C\last($st);
        $st = Vec\take($st, count($st) - 1);
      }
      if (C\is_empty($st)) throw new SheetError('unbalanced )');
      if ($t === ',') { $argc[count($argc) - 1]++; continue; }
      $st = Vec\take($st, count($st) - 1);
      if (!C\is_empty($st) && ctype((C\last($st) as string)[0]) === 'alpha' && !C\contains_key(OPS, C\last($st))) {
        $fn = C\last($st);
        $st = Vec\take($st, count($st) - 1);
        $n = $argc[count($argc) - 1];
        $argc = Vec\take($argc, count($argc) - 1);
        $out[] = "$fn/$n";
      }
      continue;
    }
    // identifier: function if followed by '(' else cell ref
    if (($toks[$i + 1] ?? '') === '(') { $st[] = $t; $argc[] = 1; }
    else $out[] = '@' . strtoupper($t);
  }
  while (!C\is_empty($st)) {
    $t = C\last($st);
    if ($t === '(') throw new SheetError('unbalanced (');
    $out[] = $t;
    $st = Vec\take($st, count($st) - 1);
  }
  return $out;
}

final class Sheet {
  private dict<string, string> $src = dict[];
  private dict<string, num> $cache = dict[];
  private vec<string> $evaluating = vec[];
  public int $evals = 0;
  public function set(string $cell, string $v): void {
    $this->src[$cell] = $v;
    $this->cache = dict[]; // invalidate all
  }
  public function get(string $cell): num {
    if (C\contains_key($this->cache, $cell)) return $this->cache[$cell];
    if (C\contains($this->evaluating, $cell)) {
      throw new CycleError(Vec\concat($this->evaluating, vec[$cell]));
    }
    $raw = $this->src[$cell] ?? null;
    if ($raw === null) throw new RefError("empty cell $cell");
    $this->evaluating[] = $cell;
    try {
      $this->evals++;
      $v = Str\starts_with($raw, '=') ? $this->evalRpn(toRpn(tokenize(substr($raw, 1)))) : ((float)$raw == (int)$raw ? (int)$raw : (float)$raw);
    } finally {
      $this->evaluating = Vec\take($this->evaluating, count($this->evaluating) - 1);
    }
    $this->cache[$cell] = $v;
    return $v;
  }
  private function evalRpn(vec<string> $rpn): num {
    $st = vec[];
    foreach ($rpn as $t) {
      if (is_numeric($t)) { $st[] = strpos($t, '.') === false ? (int)$t : (float)$t; continue; }
      if ($t[0] === '@') { $st[] = $this->get(substr($t, 1)); continue; }
      if ($t === 'neg') { $x = $st[count($st) - 1]; $st[count($st) - 1] = -$x; continue; }
      if (C\contains_key(OPS, $t)) {
        $b = $st[count($st) - 1];
        $a = $st[count($st) - 2];
        $st = Vec\take($st, count($st) - 2);
        switch ($t) {
          case '+': $st[] = $a + $b; break;
          case '-': $st[] = $a - $b; break;
          case '*': $st[] = $a * $b; break;
          case '/': $st[] = $a / $b; break;
          case '%': $st[] = $a % $b; break;
          case '^': $st[] = $a ** $b; break;
        }
        continue;
      }
      list($fn, $n) = explode('/', $t);
      $args = Vec\drop($st, count($st) - (int)$n);
      $st = Vec\take($st, count($st) - (int)$n);
      switch (strtolower($fn)) {
        case 'sum': $st[] = array_sum($args); break;
        case 'max': $st[] = max($args); break;
        case 'min': $st[] = min($args); break;
        case 'avg': $st[] = array_sum($args) / count($args); break;
        case 'abs': $st[] = abs($args[0]); break;
        case 'round': $st[] = round((float)$args[0], (int)($args[1] ?? 0)); break;
        case 'floor': $st[] = floor((float)$args[0]); break;
        case 'sqrt': $st[] = sqrt((float)$args[0]); break;
        case 'intdiv': $st[] = intdiv((int)$args[0], (int)$args[1]); break;
        case 'fmod': $st[] = fmod((float)$args[0], (float)$args[1]); break;
        default: throw new SheetError("unknown function $fn");
      }
    }
    if (count($st) !== 1) throw new SheetError('bad expression, stack=' . count($st));
    return $st[0];
  }
}


function fmt(num $v): string {
  return ($v is int ? 'i:' : 'f:') . (string)$v . ' [' . number_format((float)$v, 3) . ']';
}

<<__EntryPoint>>
function main(): void {
  foreach (vec['1+2*3', '(1+2)*3', '2^3^2', '-2^2', '10-4-3', 'sum(1,2,max(3,4),5)', 'a1*-b2', '7%3+neg'] as $f) {
    try {
      echo str_pad($f, 22), implode(' ', toRpn(tokenize($f))), "\n";
    } catch (SheetError $e) { echo str_pad($f, 22), "ERR ", $e->getMessage(), "\n"; }
  }
  $s = new Sheet();
  $cells = dict[
    'A1' => '10', 'A2' => '20', 'A3' => '2.5', 'A4' => '=A1+A2*A3',
    'B1' => '=sum(A1, A2, A3, A4)', 'B2' => '=avg(A1,A2)', 'B3' => '=A2/A1', 'B4' => '=A1/3',
    'C1' => '=2^10', 'C2' => '=2^-1', 'C3' => '=round(B4, 2) * 3', 'C4' => '=intdiv(A2, 3) + A2 % 3',
    'D1' => '=-A1 - -A2', 'D2' => '=max(A1, A3, -5) + min(1, 2.5)', 'D3' => '=sqrt(A1*A1+A2*A2)', 'D4' => '=fmod(A2, 7) + floor(A3)',
    'E1' => '=E2+1', 'E2' => '=E3+1', 'E3' => '=E1+1', 'E4' => '=Z9*2',
    'F1' => '=A1/0', 'F2' => '=bogus(1)', 'F3' => '=(A1+2', 'F4' => '=9223372036854775807 + A1',
    'G1' => '=1/4*4', 'G2' => '=0.1+0.2', 'G3' => '=abs(-7) * 1.0', 'G4' => '=3 ^ 40',
  ];
  foreach ($cells as $k => $v) $s->set($k, $v);
  foreach (Vec\sort(Vec\keys($cells)) as $k) {
    try {
      echo sprintf("%-3s %-28s %s\n", $k, $cells[$k], fmt($s->get($k)));
    } catch (CycleError $e) {
      echo sprintf("%-3s %-28s CYCLE %s (len %d)\n", $k, $cells[$k], $e->getMessage(), count($e->path));
    } catch (SheetError $e) {
      echo sprintf("%-3s %-28s %s: %s\n", $k, $cells[$k], get_class($e), $e->getMessage());
    } catch (DivisionByZeroException $e) {
      echo sprintf("%-3s %-28s div0: %s\n", $k, $cells[$k], $e->getMessage());
    }
  }
  echo "evals: ", $s->evals, "\n";
  $s->set('A1', '100');
  echo "after A1=100: A4=", fmt($s->get('A4')), " B1=", fmt($s->get('B1')), " evals=", $s->evals, "\n";
  $s->set('E3', '5');
  echo "cycle broken: E1=", fmt($s->get('E1')), "\n";
}
