// oracle: hand (the messages are the VM's own; the counts follow PHP's value semantics)
// Writes into containers held by properties and static properties: appends, keyed and nested
// sets, through self:: and static::, in loops long enough that copying the container on every
// write would be quadratic; a write that fails (index out of range, missing nested key, append
// to a dict or a non-key to a keyset, a scalar used as a container) leaves the property as it was.
class Registry {
  public static vec<int> $log = vec[];
  public static dict<string, int> $cache = dict[];
  public static dict<string, vec<int>> $groups = dict['a' => vec[]];
  public static keyset<string> $seen = keyset[];
  public vec<int> $items = vec[];
  public dict<string, dict<string, int>> $nested = dict['x' => dict[]];
  public mixed $scalar = 5;

  public static function record(int $i): void {
    static::$log[] = $i;
    self::$cache['k'.($i % 1000)] = $i;
    self::$groups['a'][] = $i;
  }
}
class Child extends Registry {
  public static vec<int> $log = vec[100];
}
function attempt(string $what, (function(): void) $f): void {
  try {
    $f();
    echo $what, ": ok\n";
  } catch (Exception $e) {
    echo $what, ": ", get_class($e), ": ", $e->getMessage(), "\n";
  } catch (Error $e) {
    echo $what, ": ", get_class($e), "\n";
  }
}
<<__EntryPoint>>
function main(): void {
  for ($i = 0; $i < 60000; $i++) {
    Registry::record($i);
  }
  Child::record(7);
  echo count(Registry::$log), " ", count(Registry::$cache), " ", count(Registry::$groups['a']), "\n";
  echo count(Child::$log), " ", Child::$log[1], " ", Registry::$cache['k7'], "\n";
  $r = new Registry();
  for ($i = 0; $i < 60000; $i++) {
    $r->items[] = $i;
    $r->nested['x']['k'.($i % 7)] = $i;
  }
  echo count($r->items), " ", $r->nested['x']['k3'], "\n";
  attempt('vec index', () ==> { Registry::$log[1000000] = 1; });
  attempt('missing nested key', () ==> { Registry::$groups['b'][] = 1; });
  attempt('dict append', () ==> { Registry::$cache[] = 1; });
  attempt('keyset key', () ==> { Registry::$seen[] = 1.5; });
  attempt('prop vec index', () ==> { $r->items[-1] = 1; });
  attempt('prop nested', () ==> { $r->nested['y']['z'] = 1; });
  attempt('scalar base', () ==> { $r->scalar[] = 1; });
  echo count(Registry::$log), " ", count(Registry::$cache), " ", count(Registry::$groups), "\n";
  echo count(Registry::$seen), " ", count($r->items), " ", count($r->nested), " ", $r->scalar, "\n";
}
