<?hh
// Bank ledger: batches of transactions applied atomically, custom exception
// hierarchy with codes and chained causes, finally-based auditing.

class LedgerError extends Exception {}
class InsufficientFundsError extends LedgerError {
  public function __construct(public string $acct, public int $want, public int $have) {
    parent::__construct("insufficient funds in " . $acct . ": want " . $want . ", have " . $have, 10);
  }
}
class UnknownAccountError extends LedgerError {
  public function __construct(string $acct) {
    parent::__construct("unknown account " . $acct, 20);
  }
}
class BatchFailed extends RuntimeException {}

interface Auditor {
  public function record(string $line): void;
  public function lines(): vec<string>;
}

final class MemoryAuditor implements Auditor {
  private vec<string> $log = vec[];
  public function record(string $line): void {
    $this->log[] = sprintf("%03d %s", count($this->log) + 1, $line);
  }
  public function lines(): vec<string> {
    return $this->log;
  }
}

final class Ledger {
  private dict<string, int> $balances = dict[];
  private int $applied = 0;

  public function __construct(private Auditor $audit) {}

  public function open(string $acct, int $initial): void {
    $this->balances[$acct] = $initial;
    $this->audit->record("open " . $acct . " " . $initial);
  }

  public function balance(string $acct): int {
    if (!C\contains_key($this->balances, $acct)) {
      throw new UnknownAccountError($acct);
    }
    return $this->balances[$acct];
  }

  private function move(string $from, string $to, int $amount): void {
    $have = $this->balance($from);
    $this->balance($to);
    if ($have < $amount) {
      throw new InsufficientFundsError($from, $amount, $have);
    }
    $this->balances[$from] -= $amount;
    $this->balances[$to] += $amount;
  }

  // Applies all transfers or none of them.
  public function batch(string $name, vec<string> $transfers): void {
    $snapshot = $this->balances; // value copy
    $this->audit->record("begin " . $name);
    try {
      foreach ($transfers as $i => $t) {
        list($from, $rest) = explode(">", $t);
        list($to, $amount) = explode(":", $rest);
        try {
          $this->move($from, $to, (int)$amount);
        } catch (LedgerError $e) {
          throw new BatchFailed("batch " . $name . " failed at step " . $i, $e->getCode() + 1000, $e);
        }
        $this->applied++;
      }
      $this->audit->record("commit " . $name);
    } catch (BatchFailed $e) {
      $this->balances = $snapshot;
      $this->audit->record("rollback " . $name);
      throw $e;
    } finally {
      $this->audit->record("end " . $name);
    }
  }

  public function report(): string {
    $parts = vec[];
    foreach ($this->balances as $acct => $bal) {
      $parts[] = $acct . "=" . $bal;
    }
    return implode(", ", $parts) . " (applied " . $this->applied . ")";
  }

  public function total(): int {
    return array_sum($this->balances);
  }
}

function describe(Exception $e): string {
  $out = get_class($e) . "[" . $e->getCode() . "]: " . $e->getMessage();
  $p = $e->getPrevious();
  while ($p !== null) {
    $out .= " <- " . get_class($p) . "[" . $p->getCode() . "]: " . $p->getMessage();
    $p = $p->getPrevious();
  }
  return $out;
}

<<__EntryPoint>>
function main(): void {
  $audit = new MemoryAuditor();
  $ledger = new Ledger($audit);
  $ledger->open("alice", 500);
  $ledger->open("bob", 200);
  $ledger->open("carol", 0);
  $batches = dict[
    'payday' => vec["alice>bob:100", "bob>carol:250"],
    'overdraw' => vec["carol>alice:100", "carol>bob:200"],
    'typo' => vec["alice>carol:10", "alice>dave:5"],
    'circle' => vec["alice>bob:50", "bob>carol:50", "carol>alice:50"],
  ];
  foreach ($batches as $name => $ts) {
    try {
      $ledger->batch($name, $ts);
      echo "ok    ", $name, ": ", $ledger->report(), "\n";
    } catch (BatchFailed $e) {
      echo "error ", describe($e), "\n";
      echo "      ", $ledger->report(), "\n";
      $prev = $e->getPrevious();
      if ($prev is InsufficientFundsError) {
        echo "      short by ", $prev->want - $prev->have, "\n";
      }
    }
  }
  echo "total ", $ledger->total(), "\n";
  try {
    $ledger->balance("zed");
  } catch (Exception $e) {
    echo "lookup: ", describe($e), "\n";
  }
  foreach ($audit->lines() as $line) {
    echo $line, "\n";
  }
}
