<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// json_encode of scalars, strings needing escapes, vecs (arrays), dicts
// with string keys (objects), nesting; htmlspecialchars with HHVM's
// default ENT_COMPAT (double quotes escaped, single quotes kept) and an
// HTML table built from rows.

function row_html(array $row): string {
  $cells = "";
  foreach ($row as $k => $v) {
    $cells .= "<td class=\"" . hh_htmlspecialchars($k) . "\">" . hh_htmlspecialchars($v) . "</td>";
  }
  return "<tr>" . $cells . "</tr>";
}

function main(): void {
  echo json_encode(42), " ", json_encode(-7), " ", json_encode(true), " ", json_encode(false), " ", json_encode(null), "\n";
  echo json_encode(1.5), " ", json_encode("plain"), "\n";
  echo json_encode("quote \" backslash \\ slash / newline \n tab \t"), "\n";
  echo json_encode([1, 2, 3]), " ", json_encode([]), " ", json_encode(["a", ["b", []]]), "\n";
  echo json_encode(['name' => 'Ann', 'age' => 31, 'tags' => ['x', 'y'], 'admin' => false, 'boss' => null]), "\n";
  echo json_encode(['outer' => ['inner' => ['deep' => [1, ['k' => 'v']]]]]), "\n";
  $people = [
    ['id' => 'p1', 'name' => "O'Brien", 'note' => '<b>bold</b> & "quoted"'],
    ['id' => 'p2', 'name' => 'Smith & Sons', 'note' => 'a < b > c'],
  ];
  echo json_encode($people), "\n";
  echo hh_htmlspecialchars("<a href=\"x?a=1&b=2\">O'Reilly</a>"), "\n";
  echo hh_htmlspecialchars("&amp; stays double-escaped: &lt;"), "\n";
  echo hh_htmlspecialchars("plain text, no changes"), "|", hh_htmlspecialchars(""), "|\n";
  echo "<table>\n";
  foreach ($people as $p) {
    echo "  ", row_html($p), "\n";
  }
  echo "</table>\n";
  $attr = "say \"hi\" & 'bye'";
  echo "<input value=\"", hh_htmlspecialchars($attr), "\">\n";
  $decoded = [];
  foreach (["&", "<", ">", "\"", "'"] as $ch) {
    $decoded[] = $ch . "=" . hh_htmlspecialchars($ch);
  }
  echo implode(" ", $decoded), "\n";
}

main();
