<?hh
// oracle: hand
// Calling an abstract static method: hackc gives the abstract method a body that raises the
// fatal error "Cannot call abstract method <declaring class>::<name>()" (not an exception:
// the catch below does not see it). Through `static::` from a method of an abstract class, and
// through a subclass that does not implement it; a subclass that does runs its own.
abstract class AB {
  abstract public static function s(): int;
  public static function call(): int {
    return static::s();
  }
}

abstract class AC extends AB {}

class Impl extends AB {
  public static function s(): int {
    return 7;
  }
}

<<__EntryPoint>>
function main(): void {
  echo Impl::call(), "\n";
  try {
    echo AC::call(), "\n";
  } catch (Error $e) {
    echo "caught ", $e->getMessage(), "\n";
  }
  echo "not reached\n";
}
