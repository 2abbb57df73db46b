<?hh
// Object graphs with reference semantics: a singly linked list (push, reverse
// in place, remove, iteration to a vec) and a binary search tree (insert,
// contains, in-order walk, height, min/max, delete with successor, range query).

final class ListNode {
  public function __construct(public int $val, public ?ListNode $next = null) {}
}

final class LinkedList {
  private ?ListNode $head = null;
  private int $size = 0;

  public static function fromVec(vec<int> $v): LinkedList {
    $l = new LinkedList();
    foreach (Vec\reverse($v) as $x) { $l->push($x); }
    return $l;
  }
  public function push(int $v): void {
    $this->head = new ListNode($v, $this->head);
    $this->size++;
  }
  public function toVec(): vec<int> {
    $out = vec[];
    for ($n = $this->head; $n !== null; $n = $n->next) { $out[] = $n->val; }
    return $out;
  }
  public function reverse(): void {
    $prev = null;
    $cur = $this->head;
    while ($cur !== null) {
      $next = $cur->next;
      $cur->next = $prev;
      $prev = $cur;
      $cur = $next;
    }
    $this->head = $prev;
  }
  public function removeAll(int $v): int {
    $removed = 0;
    while ($this->head !== null && $this->head->val === $v) { $this->head = $this->head->next; $removed++; }
    $n = $this->head;
    while ($n !== null && $n->next !== null) {
      if ($n->next->val === $v) { $n->next = $n->next->next; $removed++; } else { $n = $n->next; }
    }
    $this->size -= $removed;
    return $removed;
  }
  public function size(): int { return $this->size; }
  public function middle(): ?int {
    $slow = $this->head;
    $fast = $this->head;
    while ($fast?->next !== null) {
      $slow = $slow?->next;
      $fast = $fast?->next?->next;
    }
    return $slow?->val;
  }
}

final class TreeNode {
  public ?TreeNode $left = null;
  public ?TreeNode $right = null;
  public function __construct(public int $key) {}
}

final class BST {
  public ?TreeNode $root = null;

  public function insert(int $k): bool {
    if ($this->root === null) { $this->root = new TreeNode($k); return true; }
    $n = $this->root;
    while (true) {
      if ($k === $n->key) { return false; }
      if ($k < $n->key) {
        if ($n->left === null) { $n->left = new TreeNode($k); return true; }
        $n = $n->left;
      } else {
        if ($n->right === null) { $n->right = new TreeNode($k); return true; }
        $n = $n->right;
      }
    }
  }
  public function contains(int $k): bool {
    $n = $this->root;
    while ($n !== null && $n->key !== $k) { $n = $k < $n->key ? $n->left : $n->right; }
    return $n !== null;
  }
  public static function inorder(?TreeNode $n, vec<int> $acc): vec<int> {
    if ($n === null) { return $acc; }
    $acc = self::inorder($n->left, $acc);
    $acc[] = $n->key;
    return self::inorder($n->right, $acc);
  }
  public static function height(?TreeNode $n): int {
    return $n === null ? 0 : 1 + max(self::height($n->left), self::height($n->right));
  }
  public static function delete(?TreeNode $n, int $k): ?TreeNode {
    if ($n === null) { return null; }
    if ($k < $n->key) { $n->left = self::delete($n->left, $k); return $n; }
    if ($k > $n->key) { $n->right = self::delete($n->right, $k); return $n; }
    if ($n->left === null) { return $n->right; }
    if ($n->right === null) { return $n->left; }
    $s = $n->right;
    while ($s->left !== null) { $s = $s->left; }
    $n->key = $s->key;
    $n->right = self::delete($n->right, $s->key);
    return $n;
  }
  public static function range(?TreeNode $n, int $lo, int $hi, vec<int> $acc): vec<int> {
    if ($n === null) { return $acc; }
    if ($lo < $n->key) { $acc = self::range($n->left, $lo, $hi, $acc); }
    if ($lo <= $n->key && $n->key <= $hi) { $acc[] = $n->key; }
    if ($n->key < $hi) { $acc = self::range($n->right, $lo, $hi, $acc); }
    return $acc;
  }
}

<<__EntryPoint>>
function main(): void {
  $l = LinkedList::fromVec(vec[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
  echo implode(" ", $l->toVec()), " (size ", $l->size(), ", middle ", $l->middle() ?? -1, ")\n";
  $l->reverse();
  echo implode(" ", $l->toVec()), "\n";
  echo "removed 5s: ", $l->removeAll(5), ", removed 3s: ", $l->removeAll(3), " -> ", implode(" ", $l->toVec()), " (size ", $l->size(), ")\n";
  $alias = $l;
  $alias->push(100);
  echo "via alias: ", implode(" ", $l->toVec()), "\n";
  echo "empty middle: ", (new LinkedList())->middle() ?? "none", "\n";

  $t = new BST();
  $ins = vec[];
  foreach (vec[50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30, 50] as $k) {
    $ins[] = $t->insert($k) ? "+" : "=";
  }
  echo implode("", $ins), "\n";
  echo "inorder: ", implode(" ", BST::inorder($t->root, vec[])), ", height ", BST::height($t->root), "\n";
  echo "contains 45/55: ", $t->contains(45) ? "y" : "n", "/", $t->contains(55) ? "y" : "n", "\n";
  echo "range 33..66: ", implode(" ", BST::range($t->root, 33, 66, vec[])), "\n";
  foreach (vec[20, 30, 50, 99] as $k) {
    $t->root = BST::delete($t->root, $k);
    echo "delete ", $k, ": ", implode(" ", BST::inorder($t->root, vec[])), " root=", $t->root?->key ?? "none", "\n";
  }
  $sorted = new BST();
  for ($i = 1; $i <= 20; $i++) { $sorted->insert($i); }
  echo "degenerate height ", BST::height($sorted->root), "\n";
}
