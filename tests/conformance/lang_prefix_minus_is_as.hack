<?hh
// oracle: hand
// hackc's operator table (hphp/hack/src/parser/operator.rs): unary `-`/`+`/`!`/`~` have
// precedence 20, `is`/`as`/`?as` 21, casts and `**` 22. A prefix operator parses its operand
// with its own precedence (expression_parser.rs parse_prefix_unary_expression), so `is`/`as`
// (21 >= 20) belong to the operand: `-$x is int` is `-($x is int)`; a cast (22) does not take
// them: `(int)$x is int` is `((int)$x) is int`.
<<__EntryPoint>>
function main(): void {
  $x = 5;
  var_dump(-$x is int);
  var_dump(-$x is string);
  var_dump(!$x is int);
  var_dump((-$x) is int);
  var_dump((int)$x is int);
  $s = "5";
  try {
    var_dump(-$s as string);
  } catch (TypeAssertionException $e) {
    echo "TypeAssertionException\n";
  }
  try {
    var_dump((-$s) as string);
  } catch (TypeAssertionException $e) {
    echo "TypeAssertionException\n";
  }
  var_dump(-$x ?as int);
  var_dump(-2 ** 2);
  var_dump(-$x ** 2);
}
