<?hh
// json_encode with JSON_PRETTY_PRINT: four-space indentation, "key": value, one
// element per line, empty vec/dict stay [] and {} (HHVM's VariableSerializer:
// writeArrayHeader/writeArrayKey; hphp/test/slow/ext_json/json_encode.php.expect and
// pretty_empty.php.expect). Combined with JSON_UNESCAPED_SLASHES.
class Row { public function __construct(public int $id, public string $name, public vec<string> $tags) {} }
<<__EntryPoint>>
function main(): void {
  echo json_encode(vec[dict['a' => 'apple']], JSON_PRETTY_PRINT), "\n";
  echo json_encode(vec[1, 2, 3, vec[1, 2, 3]], JSON_PRETTY_PRINT), "\n";
  echo json_encode(dict['a' => 1, 'b' => vec[1, 2], 'c' => dict['d' => 42]], JSON_PRETTY_PRINT), "\n";
  echo json_encode(vec[], JSON_PRETTY_PRINT), "|", json_encode(dict[], JSON_PRETTY_PRINT), "\n";
  echo json_encode(dict['e' => vec[], 'f' => dict[], 'g' => null, 'h' => true, 'i' => 1.5, 'j' => "x/y"], JSON_PRETTY_PRINT), "\n";
  echo json_encode(dict['p' => "a/b"], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
  echo json_encode(new Row(7, "seven", vec["x", "y"]), JSON_PRETTY_PRINT), "\n";
  echo json_encode(keyset['k1', 'k2'], JSON_PRETTY_PRINT), "\n";
  echo json_encode("scalar", JSON_PRETTY_PRINT), " ", json_encode(42, JSON_PRETTY_PRINT), "\n";
  echo json_encode(vec[vec[vec[]]], JSON_PRETTY_PRINT), "\n";
}
