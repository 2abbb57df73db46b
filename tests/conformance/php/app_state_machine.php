<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// State machines driven by enums: a vending machine with a transition table
// in a dict keyed by enum values, guarded transitions, and a regex-like
// recognizer for signed decimal numbers written as an explicit DFA.

final class VState {
  const IDLE = 'idle';
  const HAS_MONEY = 'has_money';
  const VENDING = 'vending';
  const OUT_OF_ORDER = 'out_of_order';
  public static function getValues(): array { return ['IDLE' => 'idle', 'HAS_MONEY' => 'has_money', 'VENDING' => 'vending', 'OUT_OF_ORDER' => 'out_of_order']; }
  public static function getNames(): array { return \Dict\flip(self::getValues()); }
}

final class Coin {
  const NICKEL = 5;
  const DIME = 10;
  const QUARTER = 25;
  public static function getValues(): array { return ['NICKEL' => 5, 'DIME' => 10, 'QUARTER' => 25]; }
  public static function getNames(): array { return \Dict\flip(self::getValues()); }
}

class IllegalTransition extends LogicException {}

final class VendingMachine {
  private string $state = VState::IDLE;
  private int $credit = 0;
  private array $stock;
  private array $trace = [];
  const PRICES = ['cola' => 65, 'chips' => 50, 'gum' => 15];

  public function __construct(array $stock) {
    $this->stock = $stock;
  }

  private function go(string $to, string $why): void {
    $allowed = [
      VState::IDLE => hh_keyset([VState::HAS_MONEY, VState::OUT_OF_ORDER]),
      VState::HAS_MONEY => hh_keyset([VState::HAS_MONEY, VState::VENDING, VState::IDLE]),
      VState::VENDING => hh_keyset([VState::IDLE, VState::HAS_MONEY]),
      VState::OUT_OF_ORDER => hh_keyset([]),
    ];
    if (!C\contains_key($allowed[$this->state], $to)) {
      throw new IllegalTransition($this->state . " -> " . $to . " (" . $why . ")");
    }
    $this->trace[] = $this->state . ">" . $to;
    $this->state = $to;
  }

  public function insert(int $c): void {
    $this->go(VState::HAS_MONEY, "coin");
    $this->credit += $c;
  }

  public function select(string $item): string {
    if ($this->state !== VState::HAS_MONEY) {
      throw new IllegalTransition("select in state " . $this->state);
    }
    $price = self::PRICES[$item] ?? null;
    if ($price === null) { return "unknown item " . $item; }
    if (($this->stock[$item] ?? 0) === 0) { return $item . " sold out"; }
    if ($this->credit < $price) { return "need " . ($price - $this->credit) . " more for " . $item; }
    $this->go(VState::VENDING, "select");
    $this->stock[$item] -= 1;
    $this->credit -= $price;
    $this->go($this->credit > 0 ? VState::HAS_MONEY : VState::IDLE, "vend");
    return "vend " . $item . ", credit " . $this->credit;
  }

  public function refund(): string {
    $change = [];
    $left = $this->credit;
    foreach (Vec\sort(Coin::getValues(), fn($a, $b) => $b <=> $a) as $coin) {
      while ($left >= $coin) { $change[] = $coin; $left -= $coin; }
    }
    $this->credit = 0;
    $this->go(VState::IDLE, "refund");
    return "refund [" . implode(",", $change) . "]";
  }

  public function breakDown(): void { $this->go(VState::OUT_OF_ORDER, "kick"); }
  public function state(): string { return $this->state; }
  public function trace(): string { return implode(" ", $this->trace); }
}

function classify(string $s): string {
  // states: 0 start, 1 sign, 2 int digits, 3 dot, 4 frac digits; -1 dead
  $accepting = hh_keyset([2, 4]);
  $state = 0;
  for ($i = 0; $i < strlen($s) && $state !== -1; $i++) {
    $c = $s[$i];
    $isDigit = ord($c) >= 48 && ord($c) <= 57;
    switch ($state) {
      case 0: $state = ($c === "+" || $c === "-") ? 1 : ($isDigit ? 2 : -1); break;
      case 1: $state = $isDigit ? 2 : -1; break;
      case 2: $state = $isDigit ? 2 : ($c === "." ? 3 : -1); break;
      case 3: case 4: $state = $isDigit ? 4 : -1; break;
    }
  }
  return C\contains_key($accepting, $state) ? "number" : "reject(" . $state . ")";
}

function main(): void {
  $m = new VendingMachine(['cola' => 1, 'chips' => 3, 'gum' => 0]);
  $steps = [
    fn() => $m->select("cola"),
    function() use ($m) { $m->insert(Coin::QUARTER); $m->insert(Coin::QUARTER); return "inserted 50"; },
    fn() => $m->select("cola"),
    fn() => $m->select("gum"),
    fn() => $m->select("tea"),
    function() use ($m) { $m->insert(Coin::DIME); $m->insert(Coin::NICKEL); $m->insert(Coin::QUARTER); return "inserted 40"; },
    fn() => $m->select("cola"),
    fn() => $m->refund(),
    function() use ($m) { $m->insert(Coin::DIME); return "inserted 10"; },
    fn() => $m->select("cola"),
    function() use ($m) { $m->insert(Coin::QUARTER); $m->insert(Coin::QUARTER); $m->insert(Coin::QUARTER); return "inserted 75"; },
    fn() => $m->select("cola"),
    fn() => $m->refund(),
    fn() => $m->refund(),
    function() use ($m) { $m->breakDown(); return "broken"; },
    function() use ($m) { $m->insert(Coin::DIME); return "inserted 10"; },
  ];
  foreach ($steps as $i => $step) {
    try {
      $r = $step();
      echo $i, ": ", $r, " [", $m->state(), "]\n";
    } catch (IllegalTransition $e) {
      echo $i, ": illegal: ", $e->getMessage(), "\n";
    }
  }
  echo $m->trace(), "\n";
  foreach (["42", "-3.14", "+", "1.", "12a", ".5", "007", "-0.50"] as $s) {
    echo Str\pad_right("'" . $s . "'", 8), classify($s), "\n";
  }
}

main();
