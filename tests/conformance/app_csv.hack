<?hh
// A CSV parser (quoted fields with commas, doubled quotes), typed column
// conversion, validation errors collected per row, group-by aggregation
// with dicts and a right-aligned report.

const string DATA = <<<CSV
date,region,product,units,price
2024-01-03,north,"Widget, large",4,12.50
2024-01-03,south,Gadget,10,3.25
2024-01-04,north,Gadget,7,3.25
2024-01-05,east,"The ""Best"" Thing",1,99.99
2024-01-05,south,"Widget, large",2,12.50
2024-01-06,west,Gizmo,,8.00
2024-01-06,north,Gizmo,3,8.00
2024-01-07,east,Gadget,five,3.25
2024-01-08,south,Gizmo,6,8.00
2024-01-08,east,"Widget, large",1,12.50
CSV;

function parse_line(string $line): vec<string> {
  $fields = vec[];
  $cur = "";
  $inQuotes = false;
  $n = strlen($line);
  for ($i = 0; $i < $n; $i++) {
    $c = $line[$i];
    if ($inQuotes) {
      if ($c === '"') {
        if ($i + 1 < $n && $line[$i + 1] === '"') {
          $cur .= '"';
          $i++;
        } else {
          $inQuotes = false;
        }
      } else {
        $cur .= $c;
      }
    } else if ($c === '"') {
      $inQuotes = true;
    } else if ($c === ',') {
      $fields[] = $cur;
      $cur = "";
    } else {
      $cur .= $c;
    }
  }
  $fields[] = $cur;
  return $fields;
}

final class CsvError extends Exception {}

function to_row(vec<string> $header, vec<string> $fields, int $lineNo): dict<string, mixed> {
  if (count($fields) !== count($header)) {
    throw new CsvError("line " . $lineNo . ": expected " . count($header) . " fields, got " . count($fields));
  }
  $row = dict[];
  foreach ($header as $i => $name) {
    $row[$name] = $fields[$i];
  }
  $units = Str\to_int((string)$row['units']);
  if ($units === null) {
    throw new CsvError("line " . $lineNo . ": bad units '" . $row['units'] . "'");
  }
  $row['units'] = $units;
  $row['cents'] = (int)round((float)$row['price'] * 100);
  return $row;
}

function money(int $cents): string {
  return number_format($cents / 100.0, 2);
}

<<__EntryPoint>>
function main(): void {
  $lines = explode("\n", DATA);
  $header = parse_line($lines[0]);
  echo "columns: ", implode(" | ", $header), "\n";
  $rows = vec[];
  $errors = vec[];
  foreach (Vec\drop($lines, 1) as $i => $line) {
    try {
      $rows[] = to_row($header, parse_line($line), $i + 2);
    } catch (CsvError $e) {
      $errors[] = $e->getMessage();
    }
  }
  echo count($rows), " rows, ", count($errors), " errors\n";
  foreach ($errors as $e) { echo "  ! ", $e, "\n"; }

  $byProduct = dict[];
  $byRegion = dict[];
  foreach ($rows as $r) {
    $p = (string)$r['product'];
    $rev = (int)$r['units'] * (int)$r['cents'];
    if (!C\contains_key($byProduct, $p)) {
      $byProduct[$p] = dict['units' => 0, 'revenue' => 0, 'regions' => keyset[]];
    }
    $byProduct[$p]['units'] += (int)$r['units'];
    $byProduct[$p]['revenue'] += $rev;
    $byProduct[$p]['regions'][] = (string)$r['region'];
    $byRegion[(string)$r['region']] = ($byRegion[(string)$r['region']] ?? 0) + $rev;
  }
  $names = Vec\sort(Vec\keys($byProduct), ($a, $b) ==> $byProduct[$b]['revenue'] <=> $byProduct[$a]['revenue'] ?: strcmp($a, $b));
  echo Str\pad_right("product", 20), Str\pad_left("units", 6), Str\pad_left("revenue", 10), "  regions\n";
  foreach ($names as $name) {
    $s = $byProduct[$name];
    echo Str\pad_right($name, 20), Str\pad_left((string)$s['units'], 6), Str\pad_left(money((int)$s['revenue']), 10), "  ", implode(",", $s['regions']), "\n";
  }
  $total = array_sum($byRegion);
  foreach (Dict\sort_by_key($byRegion) as $region => $cents) {
    printf("%-6s %9s %5.1f%%\n", $region, money($cents), 100.0 * $cents / $total);
  }
  echo "total ", money($total), "\n";
  echo "quoted field round trip: ", parse_line('a,"b ""c"", d",,e')[1], "\n";
  echo "fields: ", count(parse_line(',,')), "\n";
}
