<?hh
// oracle: hand
// Order workflow state machine: enum states, transition table, guards as closures,
// try/catch/finally with return in finally, rethrow, exceptions inside loops with continue/break,
// retry with backoff counters, audit trail in static vec.

enum State: string {
  NEW = 'new'; PAID = 'paid'; PACKED = 'packed'; SHIPPED = 'shipped';
  DELIVERED = 'delivered'; CANCELLED = 'cancelled'; REFUNDED = 'refunded';
}

class WorkflowException extends Exception {}
final class IllegalTransition extends WorkflowException {
  public function __construct(public State $from, public string $action) {
    parent::__construct("cannot '$action' from " . $from, 409);
  }
}
final class GuardFailed extends WorkflowException {}
final class TransientError extends RuntimeException {}

final class Audit {
  public static vec<string> $log = vec[];
  public static function add(string $s): void { self::$log[] = sprintf('%03d %s', count(self::$log), $s); }
}

final class Order {
  public State $state = State::NEW;
  public int $attempts = 0;
  public vec<State> $trail = vec[];
  public function __construct(public int $id, public int $total, public bool $fragile = false) {
    $this->trail[] = $this->state;
  }
}

final class Machine {
  private dict<string, dict<string, State>> $table;
  private dict<string, (function(Order): bool)> $guards;
  public int $flaky = 0;
  public function __construct() {
    $this->table = dict[
      'pay' => dict['new' => State::PAID],
      'pack' => dict['paid' => State::PACKED],
      'ship' => dict['packed' => State::SHIPPED],
      'deliver' => dict['shipped' => State::DELIVERED],
      'cancel' => dict['new' => State::CANCELLED, 'paid' => State::CANCELLED, 'packed' => State::CANCELLED],
      'refund' => dict['cancelled' => State::REFUNDED, 'delivered' => State::REFUNDED],
    ];
    $this->guards = dict[
      'pay' => $o ==> $o->total > 0,
      'ship' => $o ==> !$o->fragile || $o->attempts >= 1,
      'refund' => $o ==> $o->total < 100000,
    ];
  }

  public function apply(Order $o, string $action): State {
    $row = $this->table[$action] ?? null;
    if ($row === null) throw new InvalidArgumentException("unknown action $action");
    $to = $row[(string)$o->state] ?? null;
    if ($to === null) throw new IllegalTransition($o->state, $action);
    $g = $this->guards[$action] ?? null;
    if ($g !== null && !$g($o)) {
      $o->attempts++;
      throw new GuardFailed("guard for $action failed on #{$o->id} (attempt {$o->attempts})");
    }
    if ($action === 'deliver') {
      $this->flaky++;
      if ($this->flaky % 3 !== 0) throw new TransientError("carrier timeout #{$this->flaky}");
    }
    $o->state = $to;
    $o->trail[] = $to;
    return $to;
  }

  public function withRetry(Order $o, string $action, int $max = 3): string {
    $tries = 0;
    while (true) {
      $tries++;
      try {
        $s = $this->apply($o, $action);
        return "ok:$s after $tries";
      } catch (TransientError $e) {
        Audit::add("#{$o->id} $action transient: " . $e->getMessage());
        if ($tries >= $max) throw $e;
        continue;
      } catch (GuardFailed $e) {
        Audit::add("#{$o->id} $action guard: " . $e->getMessage());
        if ($tries >= $max) return "gave up after $tries";
      } finally {
        Audit::add("#{$o->id} $action try $tries done");
      }
    }
  }
}

function finallyReturn(int $x): string {
  try {
    if ($x === 0) throw new LogicException('zero');
    return "try:$x";
  } catch (LogicException $e) {
    return 'catch:' . $e->getMessage();
  } finally {
    Audit::add("finallyReturn($x)");
  }
}

function nestedFinally(): vec<string> {
  $out = vec[];
  for ($i = 0; $i < 4; $i++) {
    try {
      try {
        if ($i === 1) continue;
        if ($i === 3) break;
        if ($i === 2) throw new TransientError("inner $i");
        $out[] = "body $i";
      } finally {
        $out[] = "inner-finally $i";
      }
    } catch (TransientError $e) {
      $out[] = 'caught ' . $e->getMessage();
    } finally {
      $out[] = "outer-finally $i";
    }
  }
  $out[] = "after loop i=$i";
  return $out;
}

<<__EntryPoint>>
function main(): void {
  $m = new Machine();
  $orders = vec[new Order(1, 5000), new Order(2, 0), new Order(3, 250000, true), new Order(4, 1200, true)];
  $script = vec['pay', 'pack', 'ship', 'deliver', 'refund'];
  foreach ($orders as $o) {
    echo "order #{$o->id} total={$o->total}", $o->fragile ? ' fragile' : '', "\n";
    foreach ($script as $action) {
      try {
        $r = $m->withRetry($o, $action);
        echo "  $action => $r\n";
        if (Str\starts_with($r, 'gave up')) { echo "  stopping\n"; break; }
      } catch (IllegalTransition $e) {
        echo "  $action illegal: ", $e->getMessage(), " code=", $e->getCode(), " from=", $e->from, "\n";
        break;
      } catch (WorkflowException $e) {
        echo "  $action workflow error: ", $e->getMessage(), "\n";
      } catch (RuntimeException $e) {
        echo "  $action runtime: ", get_class($e), " ", $e->getMessage(), "\n";
      }
    }
    echo "  trail: ", implode(' > ', $o->trail), " (attempts {$o->attempts})\n";
  }
  // cancel paths
  $c = new Order(9, 10);
  echo "cancel: ", $m->apply($c, 'cancel'), " refund: ", $m->apply($c, 'refund'), "\n";
  try { $m->apply($c, 'cancel'); } catch (IllegalTransition $e) { echo "again: ", $e->getMessage(), "\n"; }
  try { $m->apply($c, 'explode'); } catch (Exception $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }

  echo finallyReturn(5), " ", finallyReturn(0), "\n";
  echo implode("\n", nestedFinally()), "\n";
  echo "states: ", implode(',', State::getValues()), "\n";
  echo "names: ", implode(',', Vec\keys(State::getNames())), "\n";
  foreach (Audit::$log as $l) echo $l, "\n";
}
