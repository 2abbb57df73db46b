<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// json_encode with JSON_PRETTY_PRINT: four-space indentation, "key": value, one
// element per line, empty vec/dict stay [] and {} (HHVM's VariableSerializer:
// writeArrayHeader/writeArrayKey; hphp/test/slow/ext_json/json_encode.php.expect and
// pretty_empty.php.expect). Combined with JSON_UNESCAPED_SLASHES.
class Row { public function __construct(public int $id, public string $name, public array $tags) {} }
function main(): void {
  echo json_encode([['a' => 'apple']], JSON_PRETTY_PRINT), "\n";
  echo json_encode([1, 2, 3, [1, 2, 3]], JSON_PRETTY_PRINT), "\n";
  echo json_encode(['a' => 1, 'b' => [1, 2], 'c' => ['d' => 42]], JSON_PRETTY_PRINT), "\n";
  echo json_encode([], JSON_PRETTY_PRINT), "|", json_encode(new \stdClass, JSON_PRETTY_PRINT) /* HH: dict[] is {} */, "\n";
  echo json_encode(['e' => [], 'f' => new \stdClass /* HH: dict[] */, 'g' => null, 'h' => true, 'i' => 1.5, 'j' => "x/y"], JSON_PRETTY_PRINT), "\n";
  echo json_encode(['p' => "a/b"], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
  echo json_encode(new Row(7, "seven", ["x", "y"]), JSON_PRETTY_PRINT), "\n";
  echo json_encode(['k1', 'k2'], JSON_PRETTY_PRINT) /* HH: a keyset encodes as a list */, "\n";
  echo json_encode("scalar", JSON_PRETTY_PRINT), " ", json_encode(42, JSON_PRETTY_PRINT), "\n";
  echo json_encode([[[]]], JSON_PRETTY_PRINT), "\n";
}

main();
