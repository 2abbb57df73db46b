<?hh
// oracle: hand
// A mini template engine: {{var}}, {{var|filter|filter:arg}}, {% for x in list %}...{% endfor %},
// {% if var %}...{% else %}...{% endif %}. Compiles to a node tree of classes, renders with a context.

interface Node { public function render(dict<string, mixed> $ctx): string; }

final class TextNode implements Node {
  public function __construct(private string $text) {}
  public function render(dict<string, mixed> $ctx): string { return $this->text; }
}

final class Filters {
  private static ?dict<string, (function(mixed, string): string)> $table = null;
  public static int $calls = 0;
  public static function get(string $name): (function(mixed, string): string) {
    if (self::$table === null) {
      self::$table = dict[
        'upper' => ($v, $a) ==> strtoupper((string)$v),
        'lower' => ($v, $a) ==> strtolower((string)$v),
        'escape' => ($v, $a) ==> htmlspecialchars((string)$v),
        'json' => ($v, $a) ==> json_encode($v),
        'pad' => ($v, $a) ==> str_pad((string)$v, (int)$a, '.', STR_PAD_LEFT),
        'rpad' => ($v, $a) ==> str_pad((string)$v, (int)$a, ' '),
        'center' => ($v, $a) ==> str_pad((string)$v, (int)$a, '*', STR_PAD_BOTH),
        'money' => ($v, $a) ==> number_format((float)$v, $a === '' ? 2 : (int)$a),
        'pct' => ($v, $a) ==> sprintf('%5.1f%%', (float)$v * 100),
        'hex' => ($v, $a) ==> sprintf('%0' . ($a === '' ? '4' : $a) . 'x', (int)$v),
        'default' => ($v, $a) ==> ($v === null || $v === '') ? $a : (string)$v,
        'count' => ($v, $a) ==> (string)count($v as Container<_>),
        'join' => ($v, $a) ==> implode($a === '' ? ', ' : $a, $v as Container<_>),
        'trim' => ($v, $a) ==> trim((string)$v),
        'ucfirst' => ($v, $a) ==> ucfirst((string)$v),
        'reverse' => ($v, $a) ==> strrev((string)$v),
        'len' => ($v, $a) ==> (string)strlen((string)$v),
      ];
    }
    $t = self::$table;
    $f = $t[$name] ?? null;
    if ($f === null) throw new InvalidArgumentException("unknown filter '$name'");
    return $f;
  }
}

function lookup(dict<string, mixed> $ctx, string $path): mixed {
  $cur = $ctx;
  foreach (explode('.', $path) as $seg) {
    if ($cur is dict<_, _>) {
      $cur = $cur[$seg] ?? null;
    } else if ($cur is vec<_>) {
      $i = (int)$seg;
      $cur = $i < count($cur) ? $cur[$i] : null;
    } else {
      return null;
    }
  }
  return $cur;
}

final class VarNode implements Node {
  private vec<vec<string>> $filters = vec[];
  private string $path;
  public function __construct(string $expr) {
    $parts = Vec\map(explode('|', $expr), $s ==> trim($s));
    $this->path = $parts[0];
    foreach (Vec\drop($parts, 1) as $f) {
      $colon = strpos($f, ':');
      $this->filters[] = $colon === false ? vec[$f, ''] : vec[substr($f, 0, $colon), substr($f, $colon + 1)];
    }
  }
  public function render(dict<string, mixed> $ctx): string {
    $v = lookup($ctx, $this->path);
    foreach ($this->filters as list($name, $arg)) {
      Filters::$calls++;
      $v = (Filters::get($name))($v, $arg);
    }
    if ($v is vec<_>) return '[' . implode(',', $v) . ']';
    if ($v is bool) return $v ? 'yes' : 'no';
    return (string)$v;
  }
}

final class ForNode implements Node {
  public vec<Node> $body = vec[];
  public function __construct(private string $var, private string $src) {}
  public function render(dict<string, mixed> $ctx): string {
    $list = lookup($ctx, $this->src);
    if (!($list is Container<_>)) return '';
    $out = '';
    $i = 0;
    $n = count($list);
    foreach ($list as $k => $item) {
      $inner = $ctx;
      $inner[$this->var] = $item;
      $inner['loop'] = dict['index' => $i, 'key' => $k, 'first' => $i === 0, 'last' => $i === $n - 1];
      foreach ($this->body as $node) $out .= $node->render($inner);
      $i++;
    }
    return $out;
  }
}

final class IfNode implements Node {
  public vec<Node> $then = vec[];
  public vec<Node> $else = vec[];
  public bool $inElse = false;
  public function __construct(private string $cond) {}
  public function render(dict<string, mixed> $ctx): string {
    $neg = Str\starts_with($this->cond, 'not ');
    $v = lookup($ctx, $neg ? substr($this->cond, 4) : $this->cond);
    $truthy = $v is Container<_> ? count($v) > 0 : (bool)$v;
    if ($neg) $truthy = !$truthy;
    $out = '';
    foreach ($truthy ? $this->then : $this->else as $n) $out .= $n->render($ctx);
    return $out;
  }
}

final class Template {
  public vec<Node> $root = vec[];
  public static int $compiled = 0;
  public function __construct(string $src) {
    self::$compiled++;
    $stack = vec[];
    $pos = 0;
    $n = strlen($src);
    while ($pos < $n) {
      $a = strpos($src, '{{', $pos);
      $b = strpos($src, '{%', $pos);
      $next = $a === false ? $b : ($b === false ? $a : min($a, $b));
      if ($next === false) { $this->add($stack, new TextNode(substr($src, $pos))); break; }
      if ($next > $pos) $this->add($stack, new TextNode(substr($src, $pos, $next - $pos)));
      if ($next === $a) {
        $end = strpos($src, '}}', $next);
        if ($end === false) throw new LogicException("unclosed {{ at $next");
        $this->add($stack, new VarNode(substr($src, $next + 2, $end - $next - 2)));
        $pos = $end + 2;
      } else {
        $end = strpos($src, '%}', $next);
        if ($end === false) throw new LogicException("unclosed {% at $next");
        $tag = trim(substr($src, $next + 2, $end - $next - 2));
        $words = explode(' ', $tag);
        switch ($words[0]) {
          case 'for':
            $node = new ForNode($words[1], $words[3]);
            $this->add($stack, $node);
            $stack[] = $node;
            break;
          case 'if':
            $node = new IfNode(implode(' ', Vec\drop($words, 1)));
            $this->add($stack, $node);
            $stack[] = $node;
            break;
          case 'else':
            $top = C\last($stack);
            if (!($top is IfNode)) throw new LogicException('else without if');
            $top->inElse = true;
            break;
          case 'endfor':
          case 'endif':
            if (C\is_empty($stack)) throw new LogicException("stray {$words[0]}");
            $stack = Vec\take($stack, count($stack) - 1);
            break;
          default:
            throw new LogicException("unknown tag '{$words[0]}'");
        }
        $pos = $end + 2;
      }
    }
    if (!C\is_empty($stack)) throw new LogicException(count($stack) . ' unclosed block(s)');
  }
  private function add(vec<Node> $stack, Node $n): void {
    $top = C\last($stack);
    if ($top === null) { $this->root[] = $n; }
    else if ($top is ForNode) { $top->body[] = $n; }
    else if ($top is IfNode) {
      if ($top->inElse) $top->else[] = $n; else $top->then[] = $n;
    }
  }
  public function render(dict<string, mixed> $ctx): string {
    $out = '';
    foreach ($this->root as $n) $out .= $n->render($ctx);
    return $out;
  }
}

<<__EntryPoint>>
function main(): void {
  $ctx = dict[
    'title' => 'Q3 <Report> & "Summary"',
    'user' => dict['name' => 'ada lovelace', 'id' => 48879, 'roles' => vec['admin', 'dev']],
    'items' => vec[
      dict['sku' => 'A-1', 'name' => 'Widget', 'price' => 1234.5, 'qty' => 3, 'share' => 0.125],
      dict['sku' => 'B-22', 'name' => 'Gadget & Co', 'price' => 0.99, 'qty' => 1200, 'share' => 0.5],
      dict['sku' => 'C-333', 'name' => 'Doohickey', 'price' => 1000000.0, 'qty' => 0, 'share' => 0.375],
    ],
    'empty' => vec[],
    'note' => '',
    'flags' => dict['beta' => true, 'gamma' => false],
  ];
  $templates = vec[
    "<h1>{{title|escape}}</h1>\n",
    "User: {{user.name|ucfirst}} ({{user.id|hex}}, {{user.id|hex:8}}) roles={{user.roles|join: / }} n={{user.roles|count}}\n",
    "{% for it in items %}{{loop.index}}. {{it.sku|rpad:6}}|{{it.name|escape|center:15}}|{{it.price|money|pad:14}}|{{it.qty|pad:5}}|{{it.share|pct}}{% if loop.last %} <- last{% endif %}\n{% endfor %}",
    "{% if empty %}has items{% else %}no items{% endif %} / {% if not empty %}X{% else %}Y{% endif %}\n",
    "Note: {{note|default:(none)}} / missing: {{nope.deeper|default:n/a}} / json: {{user|json}}\n",
    "{% for r in user.roles %}{% if loop.first %}[{% endif %}{{r|upper|reverse}}{% if loop.last %}]{% else %},{% endif %}{% endfor %}\n",
    "{% for k in flags %}{{loop.key}}={{k}};{% endfor %} beta:{{flags.beta}}\n",
    "{{title|len}} {{title|escape|len}} {{items.1.name|lower|escape}} {{items.2.price|money:0}} {{items.0.price|money:3}}\n",
    "{% for it in items %}{% for r in user.roles %}{{it.sku}}/{{r}} {% endfor %}{% endfor %}\n",
    "{{title|bogus}}",
    "{% for x in items %}unclosed",
    "{% endif %}",
    "{% else %}",
    "{{ unterminated",
  ];
  foreach ($templates as $i => $src) {
    try {
      $t = new Template($src);
      echo "[$i] nodes=", count($t->root), "\n", $t->render($ctx);
    } catch (LogicException $e) {
      echo "[$i] compile error: ", $e->getMessage(), "\n";
    } catch (InvalidArgumentException $e) {
      echo "[$i] render error: ", $e->getMessage(), "\n";
    }
  }
  echo "compiled=", Template::$compiled, " filter calls=", Filters::$calls, "\n";
  echo json_encode($ctx['items'][1]), "\n";
  echo json_encode(vec['a/b', "tab\there", 'uni é', 1.5, -0, true, null]), "\n";
}
