<?hh
// Run-length encoding (round trip, with counts > 9) and Huffman coding with
// deterministic tie-breaking: tree nodes as objects, code table as a dict,
// bit strings, decoding by walking the tree, compression ratio.

function rle_encode(string $s): string {
  $out = "";
  $n = strlen($s);
  $i = 0;
  while ($i < $n) {
    $j = $i;
    while ($j < $n && $s[$j] === $s[$i]) { $j++; }
    $run = $j - $i;
    $out .= ($run > 1 ? (string)$run : "") . $s[$i];
    $i = $j;
  }
  return $out;
}

function rle_decode(string $s): string {
  $out = "";
  $num = "";
  for ($i = 0; $i < strlen($s); $i++) {
    $c = $s[$i];
    if (ord($c) >= 48 && ord($c) <= 57) {
      $num .= $c;
    } else {
      $out .= str_repeat($c, $num === "" ? 1 : (int)$num);
      $num = "";
    }
  }
  return $out;
}

abstract class HNode {
  public function __construct(public int $weight, public int $order) {}
  abstract public function isLeaf(): bool;
}

final class Leaf extends HNode {
  public function __construct(int $weight, int $order, public string $sym) {
    parent::__construct($weight, $order);
  }
  public function isLeaf(): bool { return true; }
}

final class Branch extends HNode {
  public function __construct(int $order, public HNode $left, public HNode $right) {
    parent::__construct($left->weight + $right->weight, $order);
  }
  public function isLeaf(): bool { return false; }
}

function build_tree(string $text): HNode {
  $freq = Dict\count_values(str_split($text));
  $nodes = vec[];
  $order = 0;
  foreach (Dict\sort_by_key($freq) as $sym => $w) {
    $nodes[] = new Leaf($w, $order++, (string)$sym);
  }
  $cmp = (HNode $a, HNode $b) ==> $a->weight !== $b->weight ? $a->weight <=> $b->weight : $a->order <=> $b->order;
  while (count($nodes) > 1) {
    $nodes = Vec\sort($nodes, $cmp);
    $merged = new Branch($order++, $nodes[0], $nodes[1]);
    $nodes = Vec\concat(Vec\drop($nodes, 2), vec[$merged]);
  }
  return $nodes[0];
}

function codes(HNode $n, string $prefix, dict<string, string> $acc): dict<string, string> {
  if ($n is Leaf) {
    $acc[$n->sym] = $prefix === "" ? "0" : $prefix;
    return $acc;
  }
  $b = $n as Branch;
  $acc = codes($b->left, $prefix . "0", $acc);
  return codes($b->right, $prefix . "1", $acc);
}

function decode(HNode $root, string $bits): string {
  $out = "";
  $n = $root;
  for ($i = 0; $i < strlen($bits); $i++) {
    $b = $n as Branch;
    $n = $bits[$i] === "0" ? $b->left : $b->right;
    if ($n is Leaf) {
      $out .= $n->sym;
      $n = $root;
    }
  }
  return $out;
}

<<__EntryPoint>>
function main(): void {
  foreach (vec["WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", "abc", "aabcccccccccccd", ""] as $s) {
    $e = rle_encode($s);
    echo "'", $e, "' ", strlen($s), "->", strlen($e), " ", rle_decode($e) === $s ? "ok" : "MISMATCH", "\n";
  }
  $text = "this is an example of a huffman tree with some repeated letters eeee";
  $tree = build_tree($text);
  $table = codes($tree, "", dict[]);
  $bySym = Dict\sort_by_key($table);
  foreach ($bySym as $sym => $code) {
    echo $sym === " " ? "' '" : $sym, " ", $code, "\n";
  }
  $bits = implode("", Vec\map(str_split($text), $c ==> $table[$c]));
  echo "bits: ", strlen($bits), " vs ", strlen($text) * 8, " (", round(100.0 * strlen($bits) / (strlen($text) * 8), 1), "%)\n";
  echo substr($bits, 0, 48), "...\n";
  echo "decoded ok: ", decode($tree, $bits) === $text ? "yes" : "no", "\n";
  echo "root weight ", $tree->weight, " leaves ", count($table), "\n";
  $single = build_tree("zzzz");
  echo "single symbol code: ", codes($single, "", dict[])['z'], "\n";
}
