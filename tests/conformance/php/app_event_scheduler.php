<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// A discrete-event scheduler: events ordered by (time, sequence number),
// recurring events, cancellation by id, handlers as closures stored in
// objects, and an interface for event sinks.

interface Sink {
  public function emit(int $time, string $msg): void;
}

final class Transcript implements Sink {
  private array $lines = [];
  public function emit(int $time, string $msg): void {
    $this->lines[] = sprintf("[t=%3d] %s", $time, $msg);
  }
  public function dump(): void {
    foreach ($this->lines as $l) { echo $l, "\n"; }
  }
  public function count(): int { return count($this->lines); }
}

final class Event {
  public bool $cancelled = false;
  public function __construct(
    public int $id,
    public int $time,
    public int $seq,
    public string $name,
    public \Closure $action,
    public int $every = 0,
  ) {}
}

final class Scheduler {
  private array $queue = [];
  private array $byId = [];
  private int $seq = 0;
  private int $nextId = 1;
  public int $now = 0;

  public function __construct(public Sink $sink) {}

  public function at(int $time, string $name, \Closure $f, int $every = 0): int {
    $id = $this->nextId++;
    $e = new Event($id, $time, $this->seq++, $name, $f, $every);
    $this->byId[$id] = $e;
    $this->insert($e);
    return $id;
  }

  public function after(int $delay, string $name, \Closure $f): int {
    return $this->at($this->now + $delay, $name, $f);
  }

  private function insert(Event $e): void {
    // keep the queue sorted by (time, seq): insertion sort from the back
    $q = $this->queue;
    $q[] = $e;
    $i = count($q) - 1;
    while ($i > 0 && ($q[$i - 1]->time > $e->time || ($q[$i - 1]->time === $e->time && $q[$i - 1]->seq > $e->seq))) {
      $q[$i] = $q[$i - 1];
      $i--;
    }
    $q[$i] = $e;
    $this->queue = $q;
  }

  public function cancel(int $id): bool {
    $e = $this->byId[$id] ?? null;
    if ($e === null || $e->cancelled) { return false; }
    $e->cancelled = true;
    return true;
  }

  public function run(int $until): int {
    $fired = 0;
    while (count($this->queue) > 0 && $this->queue[0]->time <= $until) {
      $e = $this->queue[0];
      $this->queue = Vec\drop($this->queue, 1);
      if ($e->cancelled) { continue; }
      $this->now = $e->time;
      $f = $e->action;
      $f($this, $e);
      $fired++;
      if ($e->every > 0 && !$e->cancelled) {
        $e->time += $e->every;
        $e->seq = $this->seq++;
        $this->insert($e);
      }
    }
    $this->now = $until;
    return $fired;
  }

  public function pending(): array {
    return Vec\map(Vec\filter($this->queue, fn($e) => !$e->cancelled), fn($e) => $e->name . "@" . $e->time);
  }
}

function main(): void {
  $t = new Transcript();
  $s = new Scheduler($t);
  $say = fn(string $m) => fn(Scheduler $s, Event $e) => $s->sink->emit($s->now, $m . " (#" . $e->id . ")");
  $s->at(10, "boot", $say("system boot"));
  $hb = $s->at(15, "heartbeat", function(Scheduler $s, Event $e) {
    $s->sink->emit($s->now, "heartbeat, interval " . $e->every);
  }, 20);
  $s->at(10, "second-at-10", $say("same time, scheduled later"));
  $s->at(30, "spawner", function(Scheduler $s, Event $e) {
    $s->sink->emit($s->now, "spawning two children");
    $s->after(5, "child-a", fn(Scheduler $s2, Event $e2) => $s2->sink->emit($s2->now, "child a"));
    $s->after(1, "child-b", fn(Scheduler $s2, Event $e2) => $s2->sink->emit($s2->now, "child b"));
  });
  $doomed = $s->at(50, "doomed", $say("should never run"));
  $s->at(45, "canceller", function(Scheduler $s, Event $e) {
    $s->sink->emit($s->now, "cancelling doomed event");
  });
  echo "fired by 40: ", $s->run(40), "\n";
  echo "cancel doomed: ", $s->cancel($doomed) ? "yes" : "no", ", again: ", $s->cancel($doomed) ? "yes" : "no", "\n";
  echo "pending: ", implode(" ", $s->pending()), "\n";
  echo "fired by 80: ", $s->run(80), "\n";
  $s->cancel($hb);
  echo "fired by 200: ", $s->run(200), "\n";
  echo "pending: ", count($s->pending()), ", now=", $s->now, "\n";
  $t->dump();
  echo $t->count(), " lines\n";
}

main();
