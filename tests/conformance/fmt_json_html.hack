<?hh
// json_encode of scalars, strings needing escapes, vecs (arrays), dicts
// with string keys (objects), nesting; htmlspecialchars with HHVM's
// default ENT_COMPAT (double quotes escaped, single quotes kept) and an
// HTML table built from rows.

function row_html(dict<string, string> $row): string {
  $cells = "";
  foreach ($row as $k => $v) {
    $cells .= "<td class=\"" . htmlspecialchars($k) . "\">" . htmlspecialchars($v) . "</td>";
  }
  return "<tr>" . $cells . "</tr>";
}

<<__EntryPoint>>
function main(): void {
  echo json_encode(42), " ", json_encode(-7), " ", json_encode(true), " ", json_encode(false), " ", json_encode(null), "\n";
  echo json_encode(1.5), " ", json_encode("plain"), "\n";
  echo json_encode("quote \" backslash \\ slash / newline \n tab \t"), "\n";
  echo json_encode(vec[1, 2, 3]), " ", json_encode(vec[]), " ", json_encode(vec["a", vec["b", vec[]]]), "\n";
  echo json_encode(dict['name' => 'Ann', 'age' => 31, 'tags' => vec['x', 'y'], 'admin' => false, 'boss' => null]), "\n";
  echo json_encode(dict['outer' => dict['inner' => dict['deep' => vec[1, dict['k' => 'v']]]]]), "\n";
  $people = vec[
    dict['id' => 'p1', 'name' => "O'Brien", 'note' => '<b>bold</b> & "quoted"'],
    dict['id' => 'p2', 'name' => 'Smith & Sons', 'note' => 'a < b > c'],
  ];
  echo json_encode($people), "\n";
  echo htmlspecialchars("<a href=\"x?a=1&b=2\">O'Reilly</a>"), "\n";
  echo htmlspecialchars("&amp; stays double-escaped: &lt;"), "\n";
  echo htmlspecialchars("plain text, no changes"), "|", htmlspecialchars(""), "|\n";
  echo "<table>\n";
  foreach ($people as $p) {
    echo "  ", row_html($p), "\n";
  }
  echo "</table>\n";
  $attr = "say \"hi\" & 'bye'";
  echo "<input value=\"", htmlspecialchars($attr), "\">\n";
  $decoded = vec[];
  foreach (vec["&", "<", ">", "\"", "'"] as $ch) {
    $decoded[] = $ch . "=" . htmlspecialchars($ch);
  }
  echo implode(" ", $decoded), "\n";
}
