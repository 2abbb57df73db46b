<?hh
// oracle: hand
// JSON-ish tokenizer, recursive-descent parser, pretty-printer and re-encoder.

enum TokKind: int {
  LBRACE = 1; RBRACE = 2; LBRACK = 3; RBRACK = 4; COLON = 5; COMMA = 6;
  STR = 7; NUM = 8; TRUE_ = 9; FALSE_ = 10; NULL_ = 11; EOF_ = 12;
}

final class Token {
  public function __construct(public TokKind $kind, public string $text, public int $pos) {}
  public function describe(): string {
    return sprintf("%-2d@%3d '%s'", $this->kind, $this->pos, $this->text);
  }
}

class JsonError extends Exception {
  public function __construct(string $msg, public int $pos, ?Exception $prev = null) {
    parent::__construct("parse error at $pos: $msg", 100 + $pos, $prev);
  }
}

final class Lexer {
  private int $i = 0;
  private vec<Token> $toks = vec[];
  public function __construct(private string $src) {}

  private function isDigit(string $c): bool {
    return $c !== '' && ord($c) >= 48 && ord($c) <= 57;
  }

  public function lex(): vec<Token> {
    $n = strlen($this->src);
    while ($this->i < $n) {
      $c = $this->src[$this->i];
      if ($c === ' ' || $c === "\n" || $c === "\t") { $this->i++; continue; }
      $start = $this->i;
      switch ($c) {
        case '{': $this->toks[] = new Token(TokKind::LBRACE, $c, $start); $this->i++; break;
        case '}': $this->toks[] = new Token(TokKind::RBRACE, $c, $start); $this->i++; break;
        case '[': $this->toks[] = new Token(TokKind::LBRACK, $c, $start); $this->i++; break;
        case ']': $this->toks[] = new Token(TokKind::RBRACK, $c, $start); $this->i++; break;
        case ':': $this->toks[] = new Token(TokKind::COLON, $c, $start); $this->i++; break;
        case ',': $this->toks[] = new Token(TokKind::COMMA, $c, $start); $this->i++; break;
        case '"':
          $this->i++;
          $buf = '';
          while ($this->i < $n && $this->src[$this->i] !== '"') {
            $ch = $this->src[$this->i];
            if ($ch === '\\') {
              $this->i++;
              $e = $this->src[$this->i];
              if ($e === 'n') { $buf .= "\n"; }
              else if ($e === 't') { $buf .= "\t"; }
              else { $buf .= $e; }
            } else {
              $buf .= $ch;
            }
            $this->i++;
          }
          if ($this->i >= $n) throw new JsonError('unterminated string', $start);
          $this->i++;
          $this->toks[] = new Token(TokKind::STR, $buf, $start);
          break;
        default:
          if ($c === '-' || $this->isDigit($c)) {
            $j = $this->i + 1;
            while ($j < $n && ($this->isDigit($this->src[$j]) || $this->src[$j] === '.' || $this->src[$j] === 'e' || $this->src[$j] === 'E')) $j++;
            $this->toks[] = new Token(TokKind::NUM, substr($this->src, $this->i, $j - $this->i), $start);
            $this->i = $j;
          } else if (substr($this->src, $this->i, 4) === 'true') {
            $this->toks[] = new Token(TokKind::TRUE_, 'true', $start); $this->i += 4;
          } else if (substr($this->src, $this->i, 5) === 'false') {
            $this->toks[] = new Token(TokKind::FALSE_, 'false', $start); $this->i += 5;
          } else if (substr($this->src, $this->i, 4) === 'null') {
            $this->toks[] = new Token(TokKind::NULL_, 'null', $start); $this->i += 4;
          } else {
            throw new JsonError("unexpected char '$c'", $start);
          }
      }
    }
    $this->toks[] = new Token(TokKind::EOF_, '', $n);
    return $this->toks;
  }
}

final class Parser {
  private int $p = 0;
  public static int $nodes = 0;
  public function __construct(private vec<Token> $toks) {}

  private function peek(): Token { return $this->toks[$this->p]; }
  private function next(): Token { $t = $this->toks[$this->p]; $this->p++; return $t; }
  private function expect(TokKind $k): Token {
    $t = $this->next();
    if ($t->kind !== $k) {
      throw new JsonError("expected kind $k got {$t->kind} ('{$t->text}')", $t->pos);
    }
    return $t;
  }

  public function parseValue(): mixed {
    self::$nodes++;
    $t = $this->peek();
    switch ($t->kind) {
      case TokKind::LBRACE: return $this->parseObject();
      case TokKind::LBRACK: return $this->parseArray();
      case TokKind::STR: $this->p++; return $t->text;
      case TokKind::NUM:
        $this->p++;
        if (strpos($t->text, '.') !== false || strpos($t->text, 'e') !== false) {
          return (float)$t->text;
        }
        return (int)$t->text;
      case TokKind::TRUE_: $this->p++; return true;
      case TokKind::FALSE_: $this->p++; return false;
      case TokKind::NULL_: $this->p++; return null;
      default:
        throw new JsonError("unexpected token '{$t->text}'", $t->pos);
    }
  }

  private function parseObject(): dict<string, mixed> {
    $this->expect(TokKind::LBRACE);
    $out = dict[];
    if ($this->peek()->kind === TokKind::RBRACE) { $this->p++; return $out; }
    while (true) {
      $k = $this->expect(TokKind::STR)->text;
      $this->expect(TokKind::COLON);
      $out[$k] = $this->parseValue();
      $t = $this->next();
      if ($t->kind === TokKind::RBRACE) break;
      if ($t->kind !== TokKind::COMMA) throw new JsonError('expected , or }', $t->pos);
    }
    return $out;
  }

  private function parseArray(): vec<mixed> {
    $this->expect(TokKind::LBRACK);
    $out = vec[];
    if ($this->peek()->kind === TokKind::RBRACK) { $this->p++; return $out; }
    do {
      $out[] = $this->parseValue();
      $t = $this->next();
    } while ($t->kind === TokKind::COMMA);
    if ($t->kind !== TokKind::RBRACK) throw new JsonError('expected ]', $t->pos);
    return $out;
  }
}

function pretty(mixed $v, int $ind = 0): string {
  $pad = str_repeat('  ', $ind);
  if ($v is dict<_, _>) {
    if (C\is_empty($v)) return '{}';
    $parts = vec[];
    foreach ($v as $k => $x) {
      $parts[] = $pad . '  ' . json_encode($k) . ': ' . pretty($x, $ind + 1);
    }
    return "{\n" . implode(",\n", $parts) . "\n" . $pad . '}';
  }
  if ($v is vec<_>) {
    if (count($v) === 0) return '[]';
    $parts = Vec\map($v, $x ==> pretty($x, $ind + 1));
    return '[' . implode(', ', $parts) . ']';
  }
  if ($v === null) return 'null';
  if ($v is bool) return $v ? 'true' : 'false';
  if ($v is float) return 'F' . (string)$v;
  if ($v is int) return 'I' . $v;
  return json_encode($v);
}

function stats(mixed $v, dict<string, int> $acc): dict<string, int> {
  $kind = gettype($v);
  $acc[$kind] = ($acc[$kind] ?? 0) + 1;
  if ($v is dict<_, _> || $v is vec<_>) {
    foreach ($v as $x) { $acc = stats($x, $acc); }
  }
  return $acc;
}

function depth(mixed $v): int {
  if ($v is dict<_, _> || $v is vec<_>) {
    $m = 0;
    foreach ($v as $x) { $m = max($m, depth($x)); }
    return $m + 1;
  }
  return 0;
}

<<__EntryPoint>>
function main(): void {
  $inputs = vec[
    '{"name": "widget", "price": 12.50, "qty": 3, "tags": ["a", "b\\"q", "c\\nd"], "meta": {"ok": true, "n": null}}',
    '[1, -2, 3.0, 4e2, [], {}, [[1], [2, [3]]]]',
    '{"a": {"b": {"c": {"d": [false, true, null]}}}, "z": "end"}',
    '{"dup": 1, "dup": 2, "x": -0.5}',
    '[1, 2,, 3]',
    '{"k" 1}',
    '"unterminated',
    '[1, 2] @',
    '{"1": "one", "01": "zero-one", "": "empty"}',
  ];
  foreach ($inputs as $idx => $src) {
    echo "=== input $idx (", strlen($src), " bytes)\n";
    try {
      $toks = (new Lexer($src))->lex();
      echo "tokens: ", count($toks), " first=", $toks[0]->describe(), " last=", C\last($toks)?->describe(), "\n";
      $before = Parser::$nodes;
      $v = (new Parser($toks))->parseValue();
      echo "nodes parsed: ", Parser::$nodes - $before, "\n";
      echo pretty($v), "\n";
      echo "json: ", json_encode($v), "\n";
      echo "depth: ", depth($v), "\n";
      $s = stats($v, dict[]);
      $s = Dict\sort_by_key($s);
      foreach ($s as $k => $c) echo "  $k=$c";
      echo "\n";
    } catch (JsonError $e) {
      echo get_class($e), ": ", $e->getMessage(), " code=", $e->getCode(), " pos=", $e->pos, "\n";
    } finally {
      echo "--- done $idx\n";
    }
  }
  echo "total nodes: ", Parser::$nodes, "\n";
}
