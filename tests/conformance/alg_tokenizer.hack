<?hh
// A tokenizer for a small C-like language: identifiers, keywords, integer
// and float literals, strings with escapes, one- and two-character
// operators, line/column tracking, comments, and error tokens; followed by
// token statistics and a bracket-balance checker.

enum Kind: string {
  IDENT = 'ident';
  KEYWORD = 'keyword';
  INT = 'int';
  FLOAT = 'float';
  STR = 'string';
  OP = 'op';
  PUNCT = 'punct';
  ERROR = 'error';
}

final class Token {
  public function __construct(public Kind $kind, public string $text, public int $line, public int $col) {}
  public function show(): string {
    return Str\format("%d:%d %s %s", $this->line, $this->col, $this->kind, json_encode($this->text));
  }
}

final class Lexer {
  const keyset<string> KEYWORDS = keyset['if', 'else', 'while', 'return', 'fn', 'let'];
  const vec<string> TWO_CHAR = vec['==', '!=', '<=', '>=', '&&', '||', '->', '+=', '++'];
  private int $pos = 0;
  private int $line = 1;
  private int $lineStart = 0;

  public function __construct(private string $src) {}

  private function peek(int $ahead = 0): string {
    $i = $this->pos + $ahead;
    return $i < strlen($this->src) ? $this->src[$i] : "";
  }

  private static function isDigit(string $c): bool { return $c !== "" && Str\contains("0123456789", $c); }
  private static function isAlpha(string $c): bool {
    return $c !== "" && ($c === "_" || Str\contains("abcdefghijklmnopqrstuvwxyz", strtolower($c)));
  }

  public function tokens(): vec<Token> {
    $out = vec[];
    while ($this->pos < strlen($this->src)) {
      $c = $this->peek();
      if ($c === "\n") { $this->pos++; $this->line++; $this->lineStart = $this->pos; continue; }
      if ($c === " " || $c === "\t") { $this->pos++; continue; }
      if ($c === "/" && $this->peek(1) === "/") {
        while ($this->pos < strlen($this->src) && $this->peek() !== "\n") { $this->pos++; }
        continue;
      }
      $start = $this->pos;
      $col = $start - $this->lineStart + 1;
      if (self::isAlpha($c)) {
        while (self::isAlpha($this->peek()) || self::isDigit($this->peek())) { $this->pos++; }
        $text = substr($this->src, $start, $this->pos - $start);
        $out[] = new Token(C\contains_key(self::KEYWORDS, $text) ? Kind::KEYWORD : Kind::IDENT, $text, $this->line, $col);
      } else if (self::isDigit($c)) {
        while (self::isDigit($this->peek())) { $this->pos++; }
        $kind = Kind::INT;
        if ($this->peek() === "." && self::isDigit($this->peek(1))) {
          $this->pos++;
          while (self::isDigit($this->peek())) { $this->pos++; }
          $kind = Kind::FLOAT;
        }
        $out[] = new Token($kind, substr($this->src, $start, $this->pos - $start), $this->line, $col);
      } else if ($c === '"') {
        $this->pos++;
        $val = "";
        $closed = false;
        while ($this->pos < strlen($this->src) && $this->peek() !== "\n") {
          $ch = $this->peek();
          $this->pos++;
          if ($ch === '"') { $closed = true; break; }
          if ($ch === "\\") {
            $e = $this->peek();
            $this->pos++;
            $val .= $e === "n" ? "\n" : ($e === "t" ? "\t" : $e);
          } else {
            $val .= $ch;
          }
        }
        $out[] = new Token($closed ? Kind::STR : Kind::ERROR, $closed ? $val : "unterminated string", $this->line, $col);
      } else {
        $two = $c . $this->peek(1);
        if (C\contains(self::TWO_CHAR, $two)) {
          $this->pos += 2;
          $out[] = new Token(Kind::OP, $two, $this->line, $col);
        } else if (Str\contains("+-*/%<>=!", $c)) {
          $this->pos++;
          $out[] = new Token(Kind::OP, $c, $this->line, $col);
        } else if (Str\contains("(){}[];,.", $c)) {
          $this->pos++;
          $out[] = new Token(Kind::PUNCT, $c, $this->line, $col);
        } else {
          $this->pos++;
          $out[] = new Token(Kind::ERROR, "unexpected '" . $c . "'", $this->line, $col);
        }
      }
    }
    return $out;
  }
}

function balanced(vec<Token> $toks): string {
  $pairs = dict[')' => '(', ']' => '[', '}' => '{'];
  $stack = vec[];
  foreach ($toks as $t) {
    if ($t->kind !== Kind::PUNCT) { continue; }
    if (Str\contains("([{", $t->text)) {
      $stack[] = $t;
    } else if (C\contains_key($pairs, $t->text)) {
      $top = C\last($stack);
      if ($top === null || $top->text !== $pairs[$t->text]) {
        return "mismatched '" . $t->text . "' at " . $t->line . ":" . $t->col;
      }
      $stack = Vec\take($stack, count($stack) - 1);
    }
  }
  $open = C\last($stack);
  return $open === null ? "balanced" : "unclosed '" . $open->text . "' from " . $open->line . ":" . $open->col;
}

<<__EntryPoint>>
function main(): void {
  $src = "fn fib(n) {\n  // naive\n  if (n <= 1) { return n; }\n  return fib(n - 1) + fib(n-2);\n}\n"
    . "let x = 3.14 * r2 >= 10 && !done;\nlet s = \"tab\\there \\\"q\\\"\";\nx += 1; y++; a->b != c @ d;\nlet bad = \"oops\n";
  $toks = (new Lexer($src))->tokens();
  foreach ($toks as $t) { echo $t->show(), "\n"; }
  $counts = Dict\count_values(Vec\map($toks, $t ==> (string)$t->kind));
  foreach (Dict\sort_by_key($counts) as $k => $n) { echo $k, "=", $n, " "; }
  echo "\n", "identifiers: ", implode(",", Vec\unique(Vec\map(Vec\filter($toks, $t ==> $t->kind === Kind::IDENT), $t ==> $t->text))), "\n";
  foreach (vec["f(a[1], {b});", "f(a[1);", "g({)", "((x)"] as $s) {
    echo $s, " => ", balanced((new Lexer($s))->tokens()), "\n";
  }
}
