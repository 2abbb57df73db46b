<?hh
// HHVM's var_dump prints a float with 14 significant digits ("float(%.*G)" with
// precision 14, VariableSerializer::write(double) in hphp/runtime/base/variable-serializer.cpp)
// and json_encode with "%.*k" and precision 14: not PHP 8's shortest round-trip form.
// HHVM's own expectations agree: hphp/test/zend/good/ext/standard/tests/math/
// atan2_basiclong_64bit.php.expect has float(0.78539816339745) and float(2.3283064354545E-10).
// Expected output: PHP 8.2 with serialize_precision=14 (the same php_gcvt as HHVM; gen.sh), from
// php/fmt_var_dump_float_hhvm.php.
final class P {
  public function __construct(public float $x, public vec<float> $v) {}
}
<<__EntryPoint>>
function main(): void {
  var_dump(0.1 + 0.2, 1 / 3, 2 / 3, 1e15, 1e16, 1e14, 99999999999999.0, 123456789012345.678);
  var_dump(-0.0, 0.1, 1.5, 100.0, 1e100, 1e-5, 0.0001, -1.5e-7, 5e-324, 1.7976931348623157e308);
  var_dump(atan2(1.0, 1.0), sqrt(2.0), (float)PHP_INT_MAX, 0.1 * 3, 1.1 + 2.2, INF, -INF, NAN);
  var_dump(vec[0.1 + 0.2, 1 / 3], dict['k' => 2 / 3], new P(0.7 + 0.1, vec[1e15, 1.0 / 7.0]));
  echo json_encode(vec[0.1 + 0.2, 1 / 3, 1e15, 1e16, -0.0, 1.0, 1e100, 1e-7, 0.1, 123456789012345.678]), "\n";
  echo json_encode(dict['a' => 2 / 3, 'b' => vec[sqrt(2.0)]]), "\n";
  echo json_encode(1 / 3), " ", json_encode(0.1 + 0.7), "\n";
}
