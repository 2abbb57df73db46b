<?hh
// oracle: hand
// Bank ledger: enums, static props, memoize, exception hierarchy with previous,
// finally + rethrow, number_format reports.

enum TxKind: string {
  DEPOSIT = 'dep';
  WITHDRAW = 'wd';
  TRANSFER = 'xfer';
  FEE = 'fee';
}

enum Tier: int {
  BASIC = 0;
  SILVER = 1;
  GOLD = 2;
}

class LedgerException extends Exception {}
class InsufficientFunds extends LedgerException {
  public function __construct(public string $acct, public int $need, public int $have) {
    parent::__construct(sprintf('%s needs %d but has %d', $acct, $need, $have), 402);
  }
}
class FrozenAccount extends LedgerException {}
class TransferFailed extends LedgerException {}

final class Account {
  private static int $nextId = 1000;
  public static vec<string> $audit = vec[];
  public int $id;
  private int $balance = 0;
  private bool $frozen = false;
  public vec<vec<arraykey>> $history = vec[];

  public function __construct(public string $owner, public Tier $tier = Tier::BASIC) {
    $this->id = self::$nextId++;
    self::$audit[] = "open {$this->id} for $owner";
  }
  public function balance(): int { return $this->balance; }
  public function freeze(): this { $this->frozen = true; return $this; }
  public function unfreeze(): this { $this->frozen = false; return $this; }

  public function apply(TxKind $k, int $cents): void {
    if ($this->frozen) throw new FrozenAccount("account {$this->id} is frozen");
    switch ($k) {
      case TxKind::DEPOSIT:
        $this->balance += $cents;
        break;
      case TxKind::WITHDRAW:
      case TxKind::FEE:
      case TxKind::TRANSFER:
        $limit = $this->balance + overdraft($this->tier);
        if ($cents > $limit) {
          throw new InsufficientFunds("{$this->owner}#{$this->id}", $cents, $this->balance);
        }
        $this->balance -= $cents;
        break;
    }
    $this->history[] = vec[(string)$k, $cents];
  }
}

<<__Memoize>>
function overdraft(Tier $t): int {
  Bank::$memoMisses++;
  return (int)$t * 5000;
}

<<__Memoize>>
function feeFor(int $cents, Tier $t): int {
  Bank::$memoMisses++;
  $pct = $t === Tier::GOLD ? 0 : ($t === Tier::SILVER ? 1 : 2);
  return (int)round($cents * $pct / 100);
}

function money(int $cents): string {
  $sign = $cents < 0 ? '-' : '';
  return $sign . '$' . number_format(abs($cents) / 100, 2);
}

final class Bank {
  public static int $memoMisses = 0;
  private dict<string, Account> $accounts = dict[];
  private int $failed = 0;

  public function open(string $name, Tier $tier = Tier::BASIC): Account {
    $a = new Account($name, $tier);
    $this->accounts[$name] = $a;
    return $a;
  }
  public function get(string $name): Account {
    $a = idx($this->accounts, $name);
    if ($a === null) throw new LedgerException("no account '$name'", 404);
    return $a;
  }

  public function transfer(string $from, string $to, int $cents): void {
    $src = $this->get($from);
    $dst = $this->get($to);
    $fee = feeFor($cents, $src->tier);
    $step = 'debit';
    try {
      $src->apply(TxKind::TRANSFER, $cents + $fee);
      $step = 'credit';
      $dst->apply(TxKind::DEPOSIT, $cents);
      $step = 'done';
    } catch (FrozenAccount $e) {
      if ($step === 'credit') {
        // roll back the debit
        $src->apply(TxKind::DEPOSIT, $cents + $fee);
        Account::$audit[] = "rollback $from";
      }
      throw new TransferFailed("transfer $from->$to failed at $step", 500, $e);
    } finally {
      Account::$audit[] = "xfer $from->$to $cents step=$step";
    }
  }

  public function batch(vec<vec<arraykey>> $ops): int {
    $ok = 0;
    foreach ($ops as list($from, $to, $amt)) {
      try {
        $this->transfer($from, $to, $amt);
        $ok++;
        echo "  ok   $from -> $to ", money($amt), "\n";
      } catch (TransferFailed $e) {
        $this->failed++;
        $p = $e->getPrevious();
        echo "  FAIL ", $e->getMessage(), " (code ", $e->getCode(), ") caused by ",
          $p === null ? 'nothing' : get_class($p) . ': ' . $p->getMessage(), "\n";
      } catch (InsufficientFunds $e) {
        $this->failed++;
        echo "  NSF  ", $e->getMessage(), " need=", money($e->need), " have=", money($e->have), " code=", $e->getCode(), "\n";
      } catch (LedgerException $e) {
        $this->failed++;
        echo "  ERR  ", $e->getMessage(), " code=", $e->getCode(), "\n";
      }
    }
    return $ok;
  }

  public function report(): void {
    $rows = Vec\sort_by(array_values($this->accounts), $a ==> -$a->balance());
    foreach ($rows as $a) {
      echo sprintf("  %-6s %5d %-6s %12s %3d tx\n", $a->owner, $a->id, Tier::getNames()[$a->tier], money($a->balance()), count($a->history));
    }
    $total = C\reduce($rows, ($acc, $a) ==> $acc + $a->balance(), 0);
    echo "  total ", money($total), " failed=", $this->failed, "\n";
  }
}

function nested(Bank $b): void {
  try {
    try {
      $b->get('nobody');
    } catch (LedgerException $e) {
      echo "inner caught: ", $e->getMessage(), "\n";
      throw new RuntimeException('wrapped', 7, $e);
    } finally {
      echo "inner finally\n";
    }
  } catch (RuntimeException $e) {
    $chain = vec[];
    for ($x = $e; $x !== null; $x = $x->getPrevious()) {
      $chain[] = get_class($x) . '(' . $x->getCode() . ')';
    }
    echo "chain: ", implode(' <- ', $chain), "\n";
  } finally {
    echo "outer finally\n";
  }
}

<<__EntryPoint>>
function main(): void {
  $bank = new Bank();
  $bank->open('alice', Tier::GOLD)->apply(TxKind::DEPOSIT, 100000);
  $bank->open('bob', Tier::SILVER)->apply(TxKind::DEPOSIT, 25050);
  $bank->open('carol')->apply(TxKind::DEPOSIT, 999);
  $bank->open('dave', Tier::SILVER);
  echo "initial\n";
  $bank->report();

  echo "batch 1\n";
  $n = $bank->batch(vec[
    vec['alice', 'bob', 12345],
    vec['bob', 'carol', 30000],
    vec['bob', 'carol', 40000],
    vec['carol', 'dave', 1000],
    vec['carol', 'zed', 1],
    vec['dave', 'alice', 4000],
    vec['dave', 'alice', 2000],
  ]);
  echo "ok count $n\n";
  $bank->report();

  echo "batch 2 (frozen)\n";
  $bank->get('carol')->freeze();
  $n = $bank->batch(vec[
    vec['alice', 'carol', 500],
    vec['carol', 'alice', 500],
    vec['bob', 'alice', 777],
  ]);
  $bank->get('carol')->unfreeze();
  echo "ok count $n\n";
  $bank->report();

  nested($bank);

  echo "memo misses: ", Bank::$memoMisses, "\n";
  echo "fee 12345 basic: ", feeFor(12345, Tier::BASIC), " silver: ", feeFor(12345, Tier::SILVER), "\n";
  echo "memo misses: ", Bank::$memoMisses, "\n";
  foreach (Account::$audit as $i => $line) echo sprintf("%2d %s\n", $i, $line);
  $hist = $bank->get('bob')->history;
  foreach ($hist as list($k, $c)) echo "bob $k ", money($c), "\n";
}
