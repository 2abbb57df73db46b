<?hh
// Visibility of the members the front end resolves: static methods (`C::m()`, `self::`,
// `parent::`), instance methods called through `parent::`, constructors (`new C`) and static
// properties (`C::$p`). From where they are not visible the call or access throws Error
// (PHP's messages) before any argument is evaluated; from where they are, they work. Hot, so
// every tier runs both kinds of site.

class Registry {
  private static int $count = 0;
  protected static string $tag = "reg";
  public static int $open = 1;
  private static function bump(): int { self::$count++; return self::$count; }
  protected static function tag(): string { return static::$tag; }
  public static function next(): int { return self::bump(); }
  public static function count(): int { return self::$count; }
  protected function __construct(public int $id) {}
  public static function make(int $id): Registry { return new Registry($id); }
  private function secret(): int { return 42; }
  protected function guarded(): int { return 7; }
}

class SubRegistry extends Registry {
  protected static string $tag = "sub";
  public static function makeSub(): SubRegistry { return new SubRegistry(1); }
  public static function tagged(): string { return parent::tag() . "/" . self::tag(); }
  public static function peekCount(): string {
    try {
      return (string)Registry::$count;
    } catch (Error $e) {
      return $e->getMessage();
    }
  }
  public static function callBump(): string {
    try {
      return (string)parent::bump();
    } catch (Error $e) {
      return $e->getMessage();
    }
  }
  public function viaParent(): string {
    try {
      return (string)(parent::guarded() + parent::secret());
    } catch (Error $e) {
      return parent::guarded() . " " . $e->getMessage();
    }
  }
}

class Single {
  private function __construct() {}
  public static function get(): Single { return new Single(); }
}

class Guarded {
  protected function __construct() {}
  public static function create(): Guarded { return new static(); }
}
class GuardedChild extends Guarded {
  public static function viaChild(): GuardedChild { return new GuardedChild(); }
}

function noisy(string $s): int {
  echo "evaluated ", $s, "\n";
  return 1;
}

function attempt((function(): mixed) $f): string {
  try {
    $v = $f();
    return $v is null ? "null" : ($v is string || $v is int ? (string)$v : get_class($v));
  } catch (Error $e) {
    return get_class($e) . ": " . $e->getMessage();
  }
}

<<__EntryPoint>>
function main(): void {
  echo Registry::next(), " ", Registry::next(), " ", Registry::count(), " ", Registry::$open, "\n";
  echo SubRegistry::tagged(), " | ", SubRegistry::peekCount(), " | ", SubRegistry::callBump(), "\n";
  echo Registry::make(5)->id, " ", SubRegistry::makeSub()->viaParent(), "\n";
  echo attempt(() ==> Registry::bump()), "\n";
  echo attempt(() ==> Registry::tag()), "\n";
  echo attempt(() ==> Registry::$count), "\n";
  echo attempt(() ==> Registry::$tag), "\n";
  echo attempt(() ==> new Registry(3)), "\n";
  echo attempt(() ==> new Guarded()), "\n";
  echo attempt(() ==> new Single()), " ", attempt(() ==> Single::get()), "\n";
  echo attempt(() ==> Guarded::create()), " ", attempt(() ==> GuardedChild::viaChild()), "\n";
  echo attempt(() ==> Registry::bump(noisy("bump arg"))), "\n";
  try {
    Registry::$count = 10;
    echo "wrote\n";
  } catch (Error $e) {
    echo $e->getMessage(), "\n";
  }
  Registry::$open = 2;
  echo Registry::$open, " ", Registry::count(), "\n";

  $errors = 0;
  $sum = 0;
  for ($i = 0; $i < 3000; $i++) {
    $sum += Registry::next() + Registry::make($i)->id;
    try {
      $sum += Registry::bump();
    } catch (Error $e) {
      $errors++;
    }
    try {
      $sum += Registry::$count;
    } catch (Error $e) {
      $errors++;
    }
  }
  echo $sum, " ", $errors, " ", Registry::count(), "\n";
}
