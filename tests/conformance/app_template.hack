<?hh
// A template engine that compiles "{{ a.b | filter }}", "{% if x %}…{% else %}…{% endif %}"
// and "{% for item in list %}…{% endfor %}" into a tree of node objects,
// then renders it against nested dict contexts with HTML escaping by default.

abstract class TNode {
  abstract public function render(dict<string, mixed> $ctx): string;

  public static function lookup(dict<string, mixed> $ctx, string $path): mixed {
    $cur = $ctx;
    foreach (explode(".", $path) as $part) {
      if (!($cur is dict<_, _>) || !C\contains_key($cur, $part)) { return null; }
      $cur = $cur[$part];
    }
    return $cur;
  }
}

final class TextNode extends TNode {
  public function __construct(private string $text) {}
  public function render(dict<string, mixed> $ctx): string { return $this->text; }
}

final class VarNode extends TNode {
  public function __construct(private string $path, private vec<string> $filters) {}
  public function render(dict<string, mixed> $ctx): string {
    $v = TNode::lookup($ctx, $this->path);
    $raw = false;
    foreach ($this->filters as $f) {
      switch ($f) {
        case "upper": $v = strtoupper((string)$v); break;
        case "count": $v = $v is vec<_> ? count($v) : 0; break;
        case "money": $v = "$" . number_format((int)$v / 100.0, 2); break;
        case "default": $v = ($v === null || $v === "") ? "n/a" : $v; break;
        case "raw": $raw = true; break;
        default: throw new InvalidArgumentException("unknown filter '" . $f . "'");
      }
    }
    $s = $v is bool ? ($v ? "yes" : "no") : (string)$v;
    return $raw ? $s : htmlspecialchars($s);
  }
}

final class IfNode extends TNode {
  public function __construct(private string $cond, private vec<TNode> $then, private vec<TNode> $else) {}
  public function render(dict<string, mixed> $ctx): string {
    $neg = Str\starts_with($this->cond, "not ");
    $v = (bool)TNode::lookup($ctx, $neg ? Str\slice($this->cond, 4) : $this->cond);
    return render_all(($v !== $neg) ? $this->then : $this->else, $ctx);
  }
}

final class ForNode extends TNode {
  public function __construct(private string $var, private string $path, private vec<TNode> $body) {}
  public function render(dict<string, mixed> $ctx): string {
    $items = TNode::lookup($ctx, $this->path);
    if (!($items is vec<_>)) { return ""; }
    $out = "";
    foreach ($items as $i => $item) {
      $inner = $ctx;
      $inner[$this->var] = $item;
      $inner['loop'] = dict['index' => $i + 1, 'first' => $i === 0, 'last' => $i === count($items) - 1];
      $out .= render_all($this->body, $inner);
    }
    return $out;
  }
}

function render_all(vec<TNode> $nodes, dict<string, mixed> $ctx): string {
  return implode("", Vec\map($nodes, $n ==> $n->render($ctx)));
}

final class Compiler {
  private vec<string> $parts = vec[];
  private int $i = 0;
  public function __construct(string $src) {
    $rest = $src;
    while ($rest !== "") {
      $a = strpos($rest, "{{");
      $b = strpos($rest, "{%");
      $next = $a === false ? $b : ($b === false ? $a : min($a, $b));
      if ($next === false) { $this->parts[] = $rest; break; }
      if ($next > 0) { $this->parts[] = substr($rest, 0, $next); }
      $close = strpos($rest, Str\slice($rest, $next, 2) === "{{" ? "}}" : "%}", $next);
      invariant($close !== false, "unclosed tag at %d", $next);
      $this->parts[] = substr($rest, $next, $close + 2 - $next);
      $rest = (string)substr($rest, $close + 2);
    }
  }
  public function compile(keyset<string> $stops = keyset[]): vec<TNode> {
    $nodes = vec[];
    while ($this->i < count($this->parts)) {
      $p = $this->parts[$this->i];
      if (Str\starts_with($p, "{{")) {
        $segs = Vec\map(explode("|", Str\slice($p, 2, strlen($p) - 4)), $s ==> trim($s));
        $nodes[] = new VarNode($segs[0], Vec\drop($segs, 1));
      } else if (Str\starts_with($p, "{%")) {
        $words = Vec\filter(explode(" ", Str\slice($p, 2, strlen($p) - 4)), $w ==> $w !== "");
        if (C\contains_key($stops, $words[0])) { return $nodes; }
        $this->i++;
        if ($words[0] === "if") {
          $then = $this->compile(keyset["else", "endif"]);
          $else = vec[];
          if (Str\contains($this->parts[$this->i], "else")) { $this->i++; $else = $this->compile(keyset["endif"]); }
          $nodes[] = new IfNode(implode(" ", Vec\drop($words, 1)), $then, $else);
        } else if ($words[0] === "for") {
          $nodes[] = new ForNode($words[1], $words[3], $this->compile(keyset["endfor"]));
        } else {
          throw new InvalidArgumentException("unknown tag '" . $words[0] . "'");
        }
      } else {
        $nodes[] = new TextNode($p);
      }
      $this->i++;
    }
    return $nodes;
  }
}

function render(string $tpl, dict<string, mixed> $ctx): string {
  try {
    return render_all((new Compiler($tpl))->compile(), $ctx);
  } catch (Exception $e) {
    return "[template error: " . $e->getMessage() . "]";
  }
}

<<__EntryPoint>>
function main(): void {
  $ctx = dict[
    'user' => dict['name' => "Ann <admin>", 'vip' => true, 'email' => ""],
    'items' => vec[dict['title' => "Tea & biscuits", 'cents' => 450], dict['title' => "\"Fancy\" mug", 'cents' => 1299]],
    'empty' => vec[],
  ];
  echo render("Hello {{ user.name }}! ({{ user.name | raw }}) vip={{user.vip}} email={{ user.email | default }}\n", $ctx);
  echo render("{% if user.vip %}VIP {{ user.name | upper }}{% else %}regular{% endif %}; {% if not empty %}nothing{% endif %}\n", $ctx);
  echo render("{{ items | count }} items:\n{% for it in items %}{{ loop.index }}. {{ it.title }} {{ it.cents | money }}{% if loop.last %}.{% else %},{% endif %}\n{% endfor %}", $ctx);
  echo render("[{% for x in empty %}never{% endfor %}] [{{ missing.deep.path | default }}]\n", $ctx);
  echo render("{{ user.name | shout }}\n", $ctx), "\n", render("{% while x %}", $ctx), "\n", render("oops {{ user", $ctx), "\n";
}
