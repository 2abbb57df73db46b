<?hh
// An exception that escapes main: inner finally blocks and catch clauses
// for other types run on the way out, a catch that rethrows a wrapped
// exception, then "Fatal error: Uncaught ..." on stderr and exit 255.

final class ShutdownError extends RuntimeException {}

final class Resource {
  public function __construct(private string $name) {
    echo "open ", $name, "\n";
  }
  public function close(): void {
    echo "close ", $this->name, "\n";
  }
}

function work(int $level): void {
  $r = new Resource("r" . $level);
  try {
    if ($level === 3) {
      throw new LogicException("invariant broken at level " . $level);
    }
    work($level + 1);
  } catch (InvalidArgumentException $e) {
    echo "never: wrong type\n";
  } finally {
    $r->close();
  }
}

<<__EntryPoint>>
function main(): void {
  echo "start\n";
  try {
    work(1);
  } catch (LogicException $e) {
    echo "main saw: ", $e->getMessage(), "\n";
    throw new ShutdownError("giving up after: " . $e->getMessage(), 9, $e);
  } finally {
    echo "main finally\n";
  }
  echo "not reached\n";
}
