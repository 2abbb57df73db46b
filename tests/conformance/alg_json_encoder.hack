<?hh
// A JSON encoder and pretty-printer in Hack, checked against json_encode
// (escapes, \u00XX control bytes, vec vs dict via `is`), and a tiny JSON
// parser for a round trip (objects become dicts, arrays vecs).

function enc_string(string $s): string {
  $out = '"';
  for ($i = 0; $i < strlen($s); $i++) {
    $c = $s[$i];
    $o = ord($c);
    switch ($c) {
      case '"': $out .= '\\"'; break;
      case '\\': $out .= '\\\\'; break;
      case '/': $out .= '\\/'; break;
      case "\n": $out .= '\\n'; break;
      case "\t": $out .= '\\t'; break;
      case "\r": $out .= '\\r'; break;
      default:
        $out .= $o < 32 ? sprintf('\\u%04x', $o) : $c;
    }
  }
  return $out . '"';
}

function encode(mixed $v, int $indent = -1, int $level = 0): string {
  $nl = $indent < 0 ? "" : "\n";
  $pad = $indent < 0 ? "" : str_repeat(" ", $indent * ($level + 1));
  $endPad = $indent < 0 ? "" : str_repeat(" ", $indent * $level);
  $colon = $indent < 0 ? ":" : ": ";
  if ($v === null) { return "null"; }
  if ($v is bool) { return $v ? "true" : "false"; } else if ($v is int) { return (string)$v; }
  if ($v is string) { return enc_string($v); }
  if ($v is vec<_>) {
    if (count($v) === 0) { return "[]"; }
    $items = Vec\map($v, $x ==> $pad . encode($x, $indent, $level + 1));
    return "[" . $nl . implode("," . $nl, $items) . $nl . $endPad . "]";
  }
  if ($v is dict<_, _>) {
    if (count($v) === 0) { return "{}"; }
    $items = vec[];
    foreach ($v as $k => $x) {
      $items[] = $pad . enc_string((string)$k) . $colon . encode($x, $indent, $level + 1);
    }
    return "{" . $nl . implode("," . $nl, $items) . $nl . $endPad . "}";
  }
  throw new InvalidArgumentException("cannot encode " . gettype($v));
}

final class JsonParser {
  private int $pos = 0;
  public function __construct(private string $s) {}
  private function ws(): void {
    while ($this->pos < strlen($this->s) && Str\contains(" \n\t\r", $this->s[$this->pos])) { $this->pos++; }
  }

  public function value(): mixed {
    $this->ws();
    $c = $this->s[$this->pos];
    if ($c === '{') {
      $this->pos++;
      $d = dict[];
      $this->ws();
      if ($this->s[$this->pos] === '}') { $this->pos++; return $d; }
      while (true) {
        $k = $this->value() as string;
        $this->ws();
        $this->pos++; // ':'
        $d[$k] = $this->value();
        $this->ws();
        $this->pos++;
        if ($this->s[$this->pos - 1] === '}') { return $d; }
      }
    }
    if ($c === '[') {
      $this->pos++;
      $v = vec[];
      $this->ws();
      if ($this->s[$this->pos] === ']') { $this->pos++; return $v; }
      while (true) {
        $v[] = $this->value();
        $this->ws();
        $sep = $this->s[$this->pos];
        $this->pos++;
        if ($sep === ']') { return $v; }
      }
    }
    if ($c === '"') {
      $out = "";
      $this->pos++;
      while ($this->s[$this->pos] !== '"') {
        $ch = $this->s[$this->pos];
        if ($ch === '\\') {
          $this->pos++;
          $e = $this->s[$this->pos];
          if ($e === 'u') {
            $out .= chr(hexdec(substr($this->s, $this->pos + 1, 4)));
            $this->pos += 4;
          } else {
            $out .= dict['n' => "\n", 't' => "\t", 'r' => "\r", '"' => '"', '\\' => '\\', '/' => '/'][$e];
          }
        } else {
          $out .= $ch;
        }
        $this->pos++;
      }
      $this->pos++;
      return $out;
    }
    foreach (dict['true' => true, 'false' => false, 'null' => null] as $word => $val) {
      if (substr($this->s, $this->pos, strlen($word)) === $word) { $this->pos += strlen($word); return $val; }
    }
    $start = $this->pos;
    while ($this->pos < strlen($this->s) && Str\contains("-0123456789", $this->s[$this->pos])) { $this->pos++; }
    return (int)substr($this->s, $start, $this->pos - $start);
  }
}

<<__EntryPoint>>
function main(): void {
  $doc = dict[
    'name' => "Widget \"Pro\"",
    'path' => "a/b\\c",
    'ctrl' => "bell\x07 nul\x01 esc\x1b",
    'lines' => "one\ntwo\tthree\r",
    'price' => 1999,
    'neg' => -42,
    'tags' => vec["new", "sale"],
    'dims' => dict['w' => 10, 'h' => 20, 'units' => vec[]],
    'active' => true,
    'discontinued' => false,
    'parent' => null,
    'matrix' => vec[vec[1, 2], vec[3, vec[4, dict['deep' => "yes"]]]],
  ];
  $mine = encode($doc);
  echo $mine, "\n", $mine === json_encode($doc) ? "matches json_encode" : "DIFFERS from json_encode", "\n";
  foreach (vec[vec[], vec[null], "", 0, vec[vec[vec[]]]] as $v) {
    echo encode($v), " ", encode($v) === json_encode($v) ? "ok" : "differs", "\n";
  }
  echo encode($doc['dims'], 2), "\n";
  echo encode(vec[1, dict['a' => vec[true, null]], "x"], 4), "\n";
  $back = (new JsonParser($mine))->value();
  echo "round trip: ", $back === $doc ? "identical" : "different", "\n";
  $parsed = (new JsonParser(' { "k" : [ 1 , -2 , { "z" : "\u0041\/" } ] , "e" : {"n": null} } '))->value();
  echo encode($parsed), "\n";
  try {
    encode(vec[1.5]);
  } catch (InvalidArgumentException $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
}
