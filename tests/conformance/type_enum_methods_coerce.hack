<?hh
// oracle: hand (HHVM's ext_enum.cpp, enum-util.cpp and enum-cache.cpp: isValid/coerce turn an int-like string
// into the int before looking it up; getNames keys int-like string values by int; a string enum's coerce
// returns the value as a string, an arraykey enum's returns it as given; duplicate values make getNames throw)
enum E: int { X = 1; Y = 2; Z = 30; }
enum S: string { P = 'p'; Q = 'q'; N = '5'; }
enum AK: arraykey { I = 1; T = 'two'; F = '4'; }
enum Dup: int { A = 10; B = 11; C = 10; }
function show(mixed $v): string {
  if ($v is null) return "null";
  if ($v is int) return "int(" . $v . ")";
  if ($v is string) return "string(" . $v . ")";
  if ($v is bool) return $v ? "true" : "false";
  return gettype($v);
}
<<__EntryPoint>>
function main(): void {
  $inputs = vec[1, "1", 2, "2", 30, "30", 3, "3", "01", " 1", "1 ", 1.0, true, null, 'p', 'P', 5, "5", 'two', 4, "4"];
  foreach (vec['E', 'S', 'AK'] as $enum) {
    echo $enum, "\n";
    foreach ($inputs as $in) {
      $valid = $enum === 'E' ? E::isValid($in) : ($enum === 'S' ? S::isValid($in) : AK::isValid($in));
      $co = $enum === 'E' ? E::coerce($in) : ($enum === 'S' ? S::coerce($in) : AK::coerce($in));
      echo "  ", show($in), ": isValid=", show($valid), " coerce=", show($co), "\n";
    }
  }
  echo show(E::assert("2")), " ", show(S::assert(5)), " ", show(AK::assert("1")), "\n";
  try { E::assert("x"); } catch (UnexpectedValueException $e) { echo $e->getMessage(), "\n"; }
  foreach (S::getNames() as $k => $v) { echo show($k), " => ", $v, "\n"; }
  foreach (AK::getNames() as $k => $v) { echo show($k), " => ", $v, "\n"; }
  foreach (Dup::getValues() as $k => $v) { echo $k, " => ", $v, "\n"; }
  try {
    Dup::getNames();
    echo "no exception\n";
  } catch (HH\InvariantException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
  echo show(Dup::isValid(10)), " ", show(Dup::coerce("11")), "\n";
  $n = 0;
  for ($i = 0; $i < 2000; $i++) {
    if (E::isValid((string)($i % 40))) { $n++; }
    if (S::coerce($i % 10) is nonnull) { $n += 100; }
  }
  echo $n, "\n";
}
