<?hh
// State machines driven by enums: a vending machine with a transition table
// in a dict keyed by enum values, guarded transitions, and a regex-like
// recognizer for signed decimal numbers written as an explicit DFA.

enum VState: string {
  IDLE = 'idle';
  HAS_MONEY = 'has_money';
  VENDING = 'vending';
  OUT_OF_ORDER = 'out_of_order';
}

enum Coin: int {
  NICKEL = 5;
  DIME = 10;
  QUARTER = 25;
}

class IllegalTransition extends LogicException {}

final class VendingMachine {
  private VState $state = VState::IDLE;
  private int $credit = 0;
  private dict<string, int> $stock;
  private vec<string> $trace = vec[];
  const dict<string, int> PRICES = dict['cola' => 65, 'chips' => 50, 'gum' => 15];

  public function __construct(dict<string, int> $stock) {
    $this->stock = $stock;
  }

  private function go(VState $to, string $why): void {
    $allowed = dict[
      VState::IDLE => keyset[VState::HAS_MONEY, VState::OUT_OF_ORDER],
      VState::HAS_MONEY => keyset[VState::HAS_MONEY, VState::VENDING, VState::IDLE],
      VState::VENDING => keyset[VState::IDLE, VState::HAS_MONEY],
      VState::OUT_OF_ORDER => keyset[],
    ];
    if (!C\contains_key($allowed[$this->state], $to)) {
      throw new IllegalTransition($this->state . " -> " . $to . " (" . $why . ")");
    }
    $this->trace[] = $this->state . ">" . $to;
    $this->state = $to;
  }

  public function insert(Coin $c): void {
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
    $change = vec[];
    $left = $this->credit;
    foreach (Vec\sort(Coin::getValues(), ($a, $b) ==> $b <=> $a) as $coin) {
      while ($left >= $coin) { $change[] = $coin; $left -= $coin; }
    }
    $this->credit = 0;
    $this->go(VState::IDLE, "refund");
    return "refund [" . implode(",", $change) . "]";
  }

  public function breakDown(): void { $this->go(VState::OUT_OF_ORDER, "kick"); }
  public function state(): VState { return $this->state; }
  public function trace(): string { return implode(" ", $this->trace); }
}

function classify(string $s): string {
  // states: 0 start, 1 sign, 2 int digits, 3 dot, 4 frac digits; -1 dead
  $accepting = keyset[2, 4];
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

<<__EntryPoint>>
function main(): void {
  $m = new VendingMachine(dict['cola' => 1, 'chips' => 3, 'gum' => 0]);
  $steps = vec[
    () ==> $m->select("cola"),
    () ==> { $m->insert(Coin::QUARTER); $m->insert(Coin::QUARTER); return "inserted 50"; },
    () ==> $m->select("cola"),
    () ==> $m->select("gum"),
    () ==> $m->select("tea"),
    () ==> { $m->insert(Coin::DIME); $m->insert(Coin::NICKEL); $m->insert(Coin::QUARTER); return "inserted 40"; },
    () ==> $m->select("cola"),
    () ==> $m->refund(),
    () ==> { $m->insert(Coin::DIME); return "inserted 10"; },
    () ==> $m->select("cola"),
    () ==> { $m->insert(Coin::QUARTER); $m->insert(Coin::QUARTER); $m->insert(Coin::QUARTER); return "inserted 75"; },
    () ==> $m->select("cola"),
    () ==> $m->refund(),
    () ==> $m->refund(),
    () ==> { $m->breakDown(); return "broken"; },
    () ==> { $m->insert(Coin::DIME); return "inserted 10"; },
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
  foreach (vec["42", "-3.14", "+", "1.", "12a", ".5", "007", "-0.50"] as $s) {
    echo Str\pad_right("'" . $s . "'", 8), classify($s), "\n";
  }
}
