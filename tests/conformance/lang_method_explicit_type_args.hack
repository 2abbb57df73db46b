<?hh
// oracle: hand
// Explicit type arguments on instance method calls (`$o->m<T>(...)`, `$o?->m<T>(...)`), as on
// functions and static methods. hackc: `can_term_take_type_args` accepts a member selection, and
// `check_if_should_override_normal_precedence` parses `<...>(` after it as a specified call
// (expression_parser.rs, try_parse_specified_function_call). Type arguments are erased at run time.
class Box<T> {
  public function __construct(public T $v) {}
  public static function of<U>(U $u): Box<U> { return new Box<U>($u); }
  public function map<U>((function(T): U) $f): Box<U> { return new Box($f($this->v)); }
  public function pick<X>(X $x): X { return $x; }
}
function id<T>(T $x): T { return $x; }
<<__EntryPoint>>
function main(): void {
  $b = new Box<int>(3);
  echo id<int>(4), " ", Box::of<string>("s")->v, "\n";
  echo $b->pick<string>("g"), "\n";
  echo $b->map<int>($x ==> $x * 10)->map<string>($x ==> "v$x")->v, "\n";
  $n = null;
  var_dump($n?->pick<int>(1));
  $o = $b;
  var_dump($o?->pick<int>(7));
  var_dump($b->pick<vec<int>>(vec[1, 2])[1]);
}
