<?hh
// Static properties and methods, self:: vs static:: (late static binding),
// parent:: calls, static factories returning `this`, per-class counters via
// a static dict, and class constants overridden in subclasses.

<<__ConsistentConstruct>>
abstract class Model {
  const string TABLE = "models";
  private static dict<string, int> $counts = dict[];
  public static int $shared = 0;

  public function __construct(public string $name) {
    $cls = static::class;
    self::$counts[$cls] = (self::$counts[$cls] ?? 0) + 1;
    static::$shared++;
  }

  public static function create(string $name): this {
    return new static($name);
  }

  public static function tableSelf(): string { return self::TABLE; }
  public static function tableStatic(): string { return static::TABLE; }

  public function describe(): string {
    return static::kind() . " " . $this->name . " in " . static::TABLE;
  }

  public static function kind(): string { return "model"; }

  public static function counts(): dict<string, int> { return self::$counts; }
}

class User extends Model {
  const string TABLE = "users";
  public static function kind(): string { return "user"; }
}

class Admin extends User {
  public static function kind(): string { return "admin(" . parent::kind() . ")"; }
  public function describe(): string {
    return "[" . parent::describe() . "]";
  }
}

class Post extends Model {
  const string TABLE = "posts";
}

class Counter {
  public static int $n = 0;
  public static function next(): int { return ++static::$n; }
}

class SubCounter extends Counter {
  public static int $n = 100; // redeclared: a separate static
}

class ShareCounter extends Counter {}

<<__EntryPoint>>
function main(): void {
  $u = User::create("ann");
  $a = Admin::create("root");
  $p = Post::create("hello");
  $u2 = new User("bob");
  echo get_class($u), " ", get_class($a), " ", get_class($p), "\n";
  echo $u->describe(), "\n", $a->describe(), "\n", $p->describe(), "\n";
  echo User::tableSelf(), " ", User::tableStatic(), " ", Admin::tableStatic(), " ", Model::tableStatic(), "\n";
  foreach (Model::counts() as $cls => $n) {
    echo $cls, "=", $n, " ";
  }
  echo "\n";
  echo "shared ", Model::$shared, " ", User::$shared, " ", Admin::$shared, "\n";
  echo Counter::next(), " ", Counter::next(), " ", SubCounter::next(), " ", ShareCounter::next(), " ", Counter::$n, " ", SubCounter::$n, "\n";
  Counter::$n = 50;
  echo ShareCounter::$n, " ", ShareCounter::next(), " ", Counter::$n, "\n";
  echo $a is User ? "admin is a user" : "no", ", ", $p is User ? "post is a user" : "post is not a user", "\n";
  echo Admin::kind(), " ", User::kind(), " ", Post::kind(), "\n";
}
