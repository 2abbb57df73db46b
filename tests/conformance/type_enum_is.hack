<?hh
// oracle: hand (PHP has no Hack enums; HHVM answers `is`/`as` on an enum by membership, comparing
// values as PHP array keys: "1" is the int enum value 1, 1.0 and true are no enum values).
// `is`, `?as` and `as` with enums and nullable enums, and with a class name that does not exist
// (nothing is an instance of it; `as` throws TypeAssertionException).
enum Color: int { RED = 1; GREEN = 2; }
enum S: string { A = 'a'; B = 'b'; ONE = '1'; }
class A {}
function check(mixed $v): string {
  $out = ($v is Color ? "C" : "-") . ($v is S ? "S" : "-") . ($v is ?Color ? "c" : "-");
  $out .= ($v ?as Color) is null ? "n" : "y";
  try { $x = $v as Color; $out .= "ok"; } catch (TypeAssertionException $e) { $out .= "TAE"; }
  return $out;
}
<<__EntryPoint>>
function main(): void {
  foreach (vec[3, 1, 2, "1", "2", "01", "a", "z", null, 1.0, true, 'b'] as $v) {
    echo check($v), "\n";
  }
  $a = new A();
  var_dump($a is NoSuch, $a ?as NoSuch, null is ?NoSuch, $a is A);
  try { $a as NoSuch; echo "no\n"; } catch (TypeAssertionException $e) { echo "TAE ", $e->getMessage(), "\n"; }
  try { 7 as Color; echo "no\n"; } catch (TypeAssertionException $e) { echo "TAE ", $e->getMessage(), "\n"; }
  $n = 0;
  for ($i = 0; $i < 3000; $i++) { if (($i % 4) is Color) { $n++; } }
  echo $n, "\n";
}
