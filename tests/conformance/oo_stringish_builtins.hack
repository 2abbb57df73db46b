<?hh
// Objects with __toString against strings inside builtins: min/max (arguments and containers), Math\max, the default sort order, in_array (loose and strict); a __toString that throws reaches the catch.
class S {
  public function __construct(private string $s) {}
  public function __toString(): string { return $this->s; }
}
class Bad { public function __toString(): string { throw new Exception("bad"); } }
<<__EntryPoint>>
function main(): void {
  echo (new S('S') < 'abc') ? "lt\n" : "ge\n";
  echo max(new S('S'), 'abc'), "\n";
  echo max('abc', new S('zz')), "\n";
  echo min(vec[new S('m'), 'x', 'b']), "\n";
  echo Math\max(vec['a', new S('q')]), "\n";
  echo implode(',', Vec\sort(vec[new S('c'), 'a', new S('b')])), "\n";
  var_dump(in_array('S1', vec[new S('S1')]));
  var_dump(in_array(new S('x'), vec['y', 'x']));
  var_dump(in_array('S1', vec[new S('S1')], true));
  try { max(new Bad(), 'a'); } catch (Exception $e) { echo "caught ", $e->getMessage(), "\n"; }
  echo "after\n";
}
