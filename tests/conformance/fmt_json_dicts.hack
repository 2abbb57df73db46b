<?hh
// oracle: hand
// json_encode of Hack arrays as HHVM's serializer does it: a dict is always a JSON object (also
// empty, and keyed 0..n-1, where PHP would print a list), a vec and a keyset always a list.

<<__EntryPoint>>
function main(): void {
  echo json_encode(dict[]), "\n";
  echo json_encode(dict[0 => 'a', 1 => 'b']), "\n";
  echo json_encode(dict[1 => 'a', 0 => 'b']), "\n";
  echo json_encode(dict['x' => vec[], 'y' => dict[], 'z' => keyset[]]), "\n";
  echo json_encode(Dict\count_values(vec[0, 1, 1])), "\n";
  echo json_encode(vec[dict[0 => 0], vec[0], keyset[0, 'k']]), "\n";
  echo json_encode(keyset[3, 1, 2]), "\n";
  echo json_encode(vec[]), "\n";
  $rows = dict[];
  for ($i = 0; $i < 3; $i++) {
    $rows[$i] = dict['id' => $i, 'tags' => vec['t'.$i]];
  }
  echo json_encode(dict['rows' => $rows, 'count' => C\count($rows)]), "\n";
}
