<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// A template engine that compiles "{{ a.b | filter }}", "{% if x %}…{% else %}…{% endif %}"
// and "{% for item in list %}…{% endfor %}" into a tree of node objects,
// then renders it against nested dict contexts with HTML escaping by default.

abstract class TNode {
  abstract public function render(array $ctx): string;

  public static function lookup(array $ctx, string $path): mixed {
    $cur = $ctx;
    foreach (explode(".", $path) as $part) {
      if (!(hh_is_dict($cur)) || !C\contains_key($cur, $part)) { return null; }
      $cur = $cur[$part];
    }
    return $cur;
  }
}

final class TextNode extends TNode {
  public function __construct(private string $text) {}
  public function render(array $ctx): string { return $this->text; }
}

final class VarNode extends TNode {
  public function __construct(private string $path, private array $filters) {}
  public function render(array $ctx): string {
    $v = TNode::lookup($ctx, $this->path);
    $raw = false;
    foreach ($this->filters as $f) {
      switch ($f) {
        case "upper": $v = strtoupper((string)$v); break;
        case "count": $v = hh_is_vec($v) ? count($v) : 0; break;
        case "money": $v = "$" . number_format((int)$v / 100.0, 2); break;
        case "default": $v = ($v === null || $v === "") ? "n/a" : $v; break;
        case "raw": $raw = true; break;
        default: throw new InvalidArgumentException("unknown filter '" . $f . "'");
      }
    }
    $s = is_bool($v) ? ($v ? "yes" : "no") : (string)$v;
    return $raw ? $s : hh_htmlspecialchars($s);
  }
}

final class IfNode extends TNode {
  public function __construct(private string $cond, private array $then, private array $else) {}
  public function render(array $ctx): string {
    $neg = Str\starts_with($this->cond, "not ");
    $v = (bool)TNode::lookup($ctx, $neg ? Str\slice($this->cond, 4) : $this->cond);
    return render_all(($v !== $neg) ? $this->then : $this->else, $ctx);
  }
}

final class ForNode extends TNode {
  public function __construct(private string $var, private string $path, private array $body) {}
  public function render(array $ctx): string {
    $items = TNode::lookup($ctx, $this->path);
    if (!(hh_is_vec($items))) { return ""; }
    $out = "";
    foreach ($items as $i => $item) {
      $inner = $ctx;
      $inner[$this->var] = $item;
      $inner['loop'] = ['index' => $i + 1, 'first' => $i === 0, 'last' => $i === count($items) - 1];
      $out .= render_all($this->body, $inner);
    }
    return $out;
  }
}

function render_all(array $nodes, array $ctx): string {
  return implode("", Vec\map($nodes, fn($n) => $n->render($ctx)));
}

final class Compiler {
  private array $parts = [];
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
  public function compile(array $stops = []): array {
    $nodes = [];
    while ($this->i < count($this->parts)) {
      $p = $this->parts[$this->i];
      if (Str\starts_with($p, "{{")) {
        $segs = Vec\map(explode("|", Str\slice($p, 2, strlen($p) - 4)), fn($s) => trim($s));
        $nodes[] = new VarNode($segs[0], Vec\drop($segs, 1));
      } else if (Str\starts_with($p, "{%")) {
        $words = Vec\filter(explode(" ", Str\slice($p, 2, strlen($p) - 4)), fn($w) => $w !== "");
        if (C\contains_key($stops, $words[0])) { return $nodes; }
        $this->i++;
        if ($words[0] === "if") {
          $then = $this->compile(hh_keyset(["else", "endif"]));
          $else = [];
          if (Str\contains($this->parts[$this->i], "else")) { $this->i++; $else = $this->compile(hh_keyset(["endif"])); }
          $nodes[] = new IfNode(implode(" ", Vec\drop($words, 1)), $then, $else);
        } else if ($words[0] === "for") {
          $nodes[] = new ForNode($words[1], $words[3], $this->compile(hh_keyset(["endfor"])));
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

function render(string $tpl, array $ctx): string {
  try {
    return render_all((new Compiler($tpl))->compile(), $ctx);
  } catch (Exception|DivisionByZeroError $e) {
    return "[template error: " . $e->getMessage() . "]";
  }
}

function main(): void {
  $ctx = [
    'user' => ['name' => "Ann <admin>", 'vip' => true, 'email' => ""],
    'items' => [['title' => "Tea & biscuits", 'cents' => 450], ['title' => "\"Fancy\" mug", 'cents' => 1299]],
    'empty' => [],
  ];
  echo render("Hello {{ user.name }}! ({{ user.name | raw }}) vip={{user.vip}} email={{ user.email | default }}\n", $ctx);
  echo render("{% if user.vip %}VIP {{ user.name | upper }}{% else %}regular{% endif %}; {% if not empty %}nothing{% endif %}\n", $ctx);
  echo render("{{ items | count }} items:\n{% for it in items %}{{ loop.index }}. {{ it.title }} {{ it.cents | money }}{% if loop.last %}.{% else %},{% endif %}\n{% endfor %}", $ctx);
  echo render("[{% for x in empty %}never{% endfor %}] [{{ missing.deep.path | default }}]\n", $ctx);
  echo render("{{ user.name | shout }}\n", $ctx), "\n", render("{% while x %}", $ctx), "\n", render("oops {{ user", $ctx), "\n";
}

main();
