<?hh
// oracle: hand
// Event dispatch: interfaces, abstract classes, static:: late static binding, parent:: chains,
// constructor promotion, priorities, propagation stop, listener exceptions, static registries.

interface Event { public function name(): string; }
interface Stoppable { public function stop(): void; public function stopped(): bool; }

abstract class BaseEvent implements Event, Stoppable {
  private bool $stopped = false;
  protected static int $seq = 0;
  public int $id;
  public vec<string> $log = vec[];
  public function __construct(public string $source) {
    static::$seq++;
    $this->id = static::$seq;
  }
  public function name(): string { return static::NAME; }
  abstract const string NAME;
  public function stop(): void { $this->stopped = true; }
  public function stopped(): bool { return $this->stopped; }
  public static function create(string $src): this { return new static($src); }
  public function describe(): string { return static::NAME . '#' . $this->id . '@' . $this->source; }
}

class UserEvent extends BaseEvent {
  const string NAME = 'user';
  public function __construct(string $source, public string $user = 'anon') {
    parent::__construct($source);
  }
  public function describe(): string { return parent::describe() . '[' . $this->user . ']'; }
}
class LoginEvent extends UserEvent {
  const string NAME = 'user.login';
  public function describe(): string { return 'LOGIN ' . parent::describe(); }
}
class LogoutEvent extends UserEvent {
  const string NAME = 'user.logout';
}
class OrderEvent extends BaseEvent {
  const string NAME = 'order';
  public function __construct(string $source, public int $amount = 0, public vec<string> $items = vec[]) {
    parent::__construct($source);
  }
  public function describe(): string { return parent::describe() . sprintf('{%d items, %.2f}', count($this->items), $this->amount / 100); }
}

interface Listener { public function handle(BaseEvent $e): void; }

abstract class NamedListener implements Listener {
  public static dict<string, int> $handled = dict[];
  public function __construct(protected string $label) {}
  public function handle(BaseEvent $e): void {
    $k = static::class . ':' . $this->label;
    self::$handled[$k] = (self::$handled[$k] ?? 0) + 1;
    $e->log[] = $this->label;
    $this->doHandle($e);
  }
  abstract protected function doHandle(BaseEvent $e): void;
}

final class Printer extends NamedListener {
  protected function doHandle(BaseEvent $e): void { echo "    [", $this->label, "] ", $e->describe(), "\n"; }
}
final class Stopper extends NamedListener {
  public function __construct(string $label, private (function(BaseEvent): bool) $pred) { parent::__construct($label); }
  protected function doHandle(BaseEvent $e): void {
    if (($this->pred)($e)) { echo "    [", $this->label, "] stopping ", $e->name(), "\n"; $e->stop(); }
  }
}
final class Thrower extends NamedListener {
  protected function doHandle(BaseEvent $e): void {
    if ($e is OrderEvent && $e->amount < 0) throw new DomainError("negative amount {$e->amount}");
  }
}
class DomainError extends Exception {}

final class Dispatcher {
  private dict<string, vec<vec<mixed>>> $listeners = dict[];
  private int $order = 0;
  public static int $dispatched = 0;
  public function on(string $pattern, Listener $l, int $prio = 0): this {
    $this->listeners[$pattern] ??= vec[];
    $this->listeners[$pattern][] = vec[$prio, $this->order++, $l];
    return $this;
  }
  private function matching(string $name): vec<Listener> {
    $all = vec[];
    foreach ($this->listeners as $pat => $ls) {
      $ok = $pat === '*' || $pat === $name || (Str\ends_with($pat, '.*') && Str\starts_with($name, substr($pat, 0, -1)))
        || (Str\ends_with($pat, '.*') && $name === substr($pat, 0, -2));
      if ($ok) foreach ($ls as $entry) $all[] = $entry;
    }
    $all = Vec\sort($all, ($a, $b) ==> ($b[0] <=> $a[0]) ?: ($a[1] <=> $b[1]));
    return Vec\map($all, $x ==> $x[2] as Listener);
  }
  public function dispatch(BaseEvent $e): BaseEvent {
    self::$dispatched++;
    echo "  dispatch ", $e->describe(), "\n";
    foreach ($this->matching($e->name()) as $l) {
      if ($e->stopped()) { echo "    (propagation stopped)\n"; break; }
      try {
        $l->handle($e);
      } catch (DomainError $ex) {
        echo "    listener error: ", $ex->getMessage(), "\n";
        $e->log[] = 'ERR';
      }
    }
    return $e;
  }
}

<<__EntryPoint>>
function main(): void {
  $d = new Dispatcher();
  $d->on('*', new Printer('all'), -10)
    ->on('user.*', new Printer('users'), 5)
    ->on('user.login', new Printer('login-hi'), 100)
    ->on('user.login', new Stopper('ban-eve', $e ==> $e is UserEvent && $e->user === 'eve'), 50)
    ->on('order', new Thrower('validate'), 10)
    ->on('order', new Printer('orders'))
    ->on('order', new Stopper('big', $e ==> $e is OrderEvent && $e->amount > 100000), 1);

  $events = vec[
    new LoginEvent('web', 'alice'),
    new LoginEvent('web', 'eve'),
    LogoutEvent::create('api'),
    new OrderEvent('shop', 2599, vec['pen', 'ink']),
    new OrderEvent('shop', -5),
    new OrderEvent('shop', 250000, vec['tv']),
    UserEvent::create('cli'),
    OrderEvent::create('batch'),
  ];
  foreach ($events as $e) {
    $r = $d->dispatch($e);
    echo "  -> log=", implode('>', $r->log), " stopped=", $r->stopped() ? 'yes' : 'no', " class=", get_class($r), "\n";
  }
  echo "dispatched: ", Dispatcher::$dispatched, "\n";
  foreach (Dict\sort_by_key(NamedListener::$handled) as $k => $n) echo "  $k = $n\n";
  echo "names: ", LoginEvent::NAME, " ", LogoutEvent::NAME, " ", OrderEvent::NAME, "\n";
  $x = LoginEvent::create('x');
  echo "create returns ", get_class($x), " id=", $x->id, " user=", $x->user, "\n";
  echo "is: ", ($x is UserEvent) ? 'U' : '-', ($x is BaseEvent) ? 'B' : '-', ($x is Stoppable) ? 'S' : '-', ($x is OrderEvent) ? 'O' : '-', "\n";
  echo "instanceof: ", $x instanceof Event ? 'yes' : 'no', "\n";
}
