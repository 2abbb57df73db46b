<?hh
// oracle: hand
// Method-call errors name the method as the call site spells it (lookup is case-insensitive).
class C {
  public function getMessage(): int { return 1; }
  public static function Make(): C { return new C(); }
  private function Hidden(): void {}
}

function t((function(): void) $f): void {
  try { $f(); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}

function f(?C $c): void { echo $c->getMessage(), "\n"; }

<<__EntryPoint>>
function main(): void {
  t(() ==> f(null));
  t(() ==> { $c = new C(); $c->getMessageX(); });
  t(() ==> { C::MakeIt(); });
  t(() ==> { $c = new C(); $c->Hidden(); });
  t(() ==> { $c = 5; $c->DoIt(); });
  t(() ==> { $c = new C(); echo $c->GETMESSAGE(), "\n"; });
  t(() ==> { $c = C::make(); echo $c->getmessage(), "\n"; });
}
