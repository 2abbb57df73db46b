<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Inventory and order processing with interfaces: pricing strategies,
// stock reservations that are released when an order fails, order lines as
// objects, totals in integer cents and an invoice with sprintf.

interface Priced {
  public function unitPrice(): int;
}

interface Describable {
  public function describe(): string;
}

interface Discount {
  public function apply(int $subtotal, int $qty): int;
  public function label(): string;
}

final class Product implements Priced, Describable {
  public function __construct(public string $sku, private string $name, private int $price) {}
  public function unitPrice(): int { return $this->price; }
  public function describe(): string { return $this->name . " (" . $this->sku . ")"; }
}

final class NoDiscount implements Discount {
  public function apply(int $subtotal, int $qty): int { return $subtotal; }
  public function label(): string { return ""; }
}

final class PercentOff implements Discount {
  public function __construct(private int $pct) {}
  public function apply(int $subtotal, int $qty): int { return $subtotal - intdiv($subtotal * $this->pct, 100); }
  public function label(): string { return $this->pct . "% off"; }
}

final class BuyNGetOne implements Discount {
  public function __construct(private int $n, private int $unit) {}
  public function apply(int $subtotal, int $qty): int {
    return $subtotal - intdiv($qty, $this->n + 1) * $this->unit;
  }
  public function label(): string { return "buy " . $this->n . " get 1"; }
}

class OutOfStock extends Exception {
  public function __construct(public string $sku, public int $wanted, public int $left) {
    parent::__construct(Str\format("%s: wanted %d, only %d left", $sku, $wanted, $left));
  }
}

final class Warehouse {
  private array $stock = [];
  private array $products = [];
  public function add(Product $p, int $qty): void {
    $this->products[$p->sku] = $p;
    $this->stock[$p->sku] = ($this->stock[$p->sku] ?? 0) + $qty;
  }
  public function product(string $sku): Product {
    $p = idx($this->products, $sku);
    if ($p === null) { throw new InvalidArgumentException("no such sku " . $sku); }
    return $p;
  }
  public function reserve(string $sku, int $qty): void {
    $left = $this->stock[$sku] ?? 0;
    if ($left < $qty) { throw new OutOfStock($sku, $qty, $left); }
    $this->stock[$sku] = $left - $qty;
  }
  public function release(string $sku, int $qty): void { $this->stock[$sku] += $qty; }
  public function levels(): string {
    return implode(" ", Vec\map(Vec\keys($this->stock), fn($k) => $k . ":" . $this->stock[$k]));
  }
}

final class OrderLine {
  public function __construct(public Product $p, public int $qty, public Discount $d) {}
  public function total(): int { return $this->d->apply($this->p->unitPrice() * $this->qty, $this->qty); }
}

function cents(int $c): string { return sprintf("%d.%02d", intdiv($c, 100), $c % 100); }

function place_order(Warehouse $w, string $customer, array $items, array $promos): ?array {
  $reserved = [];
  $lines = [];
  try {
    foreach ($items as $sku => $qty) {
      $p = $w->product($sku);
      $w->reserve($sku, $qty);
      $reserved[] = [$sku, $qty];
      $lines[] = new OrderLine($p, $qty, $promos[$sku] ?? new NoDiscount());
    }
    return $lines;
  } catch (Exception|DivisionByZeroError $e) {
    foreach ($reserved as $r) {
      $w->release($r[0], $r[1]);
    }
    echo "order for ", $customer, " failed: ", hh_get_class($e), ": ", $e->getMessage(), " (released ", count($reserved), ")\n";
    return null;
  }
}

function invoice(string $customer, array $lines): void {
  echo "Invoice for ", $customer, "\n";
  $sum = 0;
  foreach ($lines as $l) {
    $label = $l->d->label();
    printf("  %-22s x%-3d %8s%s\n", $l->p->describe(), $l->qty, cents($l->total()), $label === "" ? "" : "  (" . $label . ")");
    $sum += $l->total();
  }
  $tax = intdiv($sum * 8 + 50, 100);
  printf("  %-27s %8s\n  %-27s %8s\n  %-27s %8s\n", "subtotal", cents($sum), "tax 8%", cents($tax), "TOTAL", cents($sum + $tax));
}

function main(): void {
  $w = new Warehouse();
  $w->add(new Product("A100", "Widget", 250), 10);
  $w->add(new Product("B200", "Gadget", 1299), 3);
  $w->add(new Product("C300", "Doohickey", 75), 40);
  $w->add(new Product("A100", "Widget", 250), 5);
  $promos = ['A100' => new BuyNGetOne(2, 250), 'B200' => new PercentOff(15)];
  $orders = [
    'ann' => ['A100' => 7, 'C300' => 12],
    'bob' => ['B200' => 2, 'A100' => 9],
    'cy' => ['C300' => 5, 'Z999' => 1],
    'dee' => ['B200' => 1, 'C300' => 23],
  ];
  foreach ($orders as $customer => $items) {
    $lines = place_order($w, $customer, $items, $promos);
    if ($lines !== null) { invoice($customer, $lines); }
    echo "stock: ", $w->levels(), "\n";
  }
  $p = $w->product("C300");
  echo ($p instanceof Priced) ? "priced" : "-", " ", ($p instanceof Describable) ? "describable" : "-", " ", ($p instanceof Discount) ? "discount" : "not a discount", "\n";
}

main();
