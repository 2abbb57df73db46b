<?hh
// oracle: hand
// CSV parsing with quotes/escapes, typed column coercion, aggregation into nested dicts,
// text wrapping and a fixed-width table renderer with sprintf flags, plus %e/%b/%o/%X/%c output.

final class Column {
  public function __construct(public string $name, public string $type, public int $width = 0) {}
}

final class CsvError extends Exception {
  public function __construct(string $msg, public int $line) { parent::__construct("line $line: $msg"); }
}

function parseCsv(string $text): vec<vec<string>> {
  $rows = vec[];
  $row = vec[];
  $field = '';
  $inQ = false;
  $line = 1;
  $n = strlen($text);
  for ($i = 0; $i < $n; $i++) {
    $c = $text[$i];
    if ($inQ) {
      if ($c === '"') {
        if ($i + 1 < $n && $text[$i + 1] === '"') { $field .= '"'; $i++; }
        else $inQ = false;
      } else {
        if ($c === "\n") $line++;
        $field .= $c;
      }
      continue;
    }
    if ($c === '"') {
      if ($field !== '') throw new CsvError('quote inside unquoted field', $line);
      $inQ = true;
    } else if ($c === ',') {
      $row[] = $field; $field = '';
    } else if ($c === "\n") {
      $row[] = $field; $field = '';
      $rows[] = $row; $row = vec[];
      $line++;
    } else if ($c !== "\r") {
      $field .= $c;
    }
  }
  if ($inQ) throw new CsvError('unterminated quote', $line);
  if ($field !== '' || !C\is_empty($row)) { $row[] = $field; $rows[] = $row; }
  return $rows;
}

function coerce(string $v, string $type): mixed {
  switch ($type) {
    case 'int': return $v === '' ? null : (int)$v;
    case 'float': return $v === '' ? null : (float)$v;
    case 'bool': return in_array(strtolower($v), vec['1', 'yes', 'true', 'y'], true);
    default: return $v;
  }
}

function wrap(string $text, int $width): vec<string> {
  $lines = vec[];
  $cur = '';
  foreach (explode(' ', $text) as $w) {
    if ($w === '') continue;
    while (strlen($w) > $width) {
      if ($cur !== '') { $lines[] = $cur; $cur = ''; }
      $lines[] = substr($w, 0, $width - 1) . '-';
      $w = substr($w, $width - 1);
    }
    if ($cur === '') $cur = $w;
    else if (strlen($cur) + 1 + strlen($w) <= $width) $cur .= ' ' . $w;
    else { $lines[] = $cur; $cur = $w; }
  }
  if ($cur !== '') $lines[] = $cur;
  return $lines;
}

function render(vec<Column> $cols, vec<dict<string, mixed>> $rows): string {
  $sep = '+' . implode('+', Vec\map($cols, $c ==> str_repeat('-', $c->width + 2))) . '+';
  $out = $sep . "\n|" . implode('|', Vec\map($cols, $c ==> ' ' . str_pad(strtoupper($c->name), $c->width, ' ', STR_PAD_BOTH) . ' ')) . "|\n" . $sep . "\n";
  foreach ($rows as $r) {
    // each cell may wrap to multiple lines
    $cells = dict[];
    $h = 1;
    foreach ($cols as $c) {
      $v = $r[$c->name];
      if ($v === null) $s = '-';
      else if ($c->type === 'float') $s = sprintf('%' . $c->width . '.2f', $v);
      else if ($c->type === 'int') $s = sprintf('%+' . $c->width . 'd', $v);
      else if ($c->type === 'bool') $s = $v ? 'Y' : 'N';
      else $s = (string)$v;
      $cells[$c->name] = $c->type === 'string' ? wrap($s, $c->width) : vec[$s];
      $h = max($h, count($cells[$c->name]));
    }
    for ($i = 0; $i < $h; $i++) {
      $out .= '|';
      foreach ($cols as $c) {
        $txt = $cells[$c->name][$i] ?? '';
        $pad = $c->type === 'string' ? STR_PAD_RIGHT : STR_PAD_LEFT;
        $out .= ' ' . str_pad($txt, $c->width, ' ', $pad) . ' |';
      }
      $out .= "\n";
    }
  }
  return $out . $sep . "\n";
}

<<__EntryPoint>>
function main(): void {
  $csv = "id,name,dept,salary,active,notes\n"
    . "1,Alice Smith,eng,125000.50,yes,\"Leads the \"\"core\"\" team, mentors juniors\"\n"
    . "2,\"Bob, Jr.\",eng,98000,no,\n"
    . "3,Carol,sales,,y,\"Multi\nline note\"\n"
    . "4,Dan,sales,67000.25,TRUE,Supercalifragilisticexpialidocious performer\r\n"
    . "5,Eve,ops,71000,0,short\n"
    . "-6,Frank,ops,1e5,1,\"\"\n";
  $rows = parseCsv($csv);
  echo "parsed ", count($rows), " rows\n";
  foreach ($rows as $i => $r) echo "  $i: ", count($r), " fields: ", json_encode($r), "\n";
  $header = $rows[0];
  $types = dict['id' => 'int', 'name' => 'string', 'dept' => 'string', 'salary' => 'float', 'active' => 'bool', 'notes' => 'string'];
  $recs = vec[];
  foreach (Vec\drop($rows, 1) as $r) {
    $rec = dict[];
    foreach ($header as $j => $h) $rec[$h] = coerce($r[$j] ?? '', $types[$h]);
    $recs[] = $rec;
  }
  $cols = vec[
    new Column('id', 'int', 4), new Column('name', 'string', 9), new Column('salary', 'float', 10),
    new Column('active', 'bool', 6), new Column('notes', 'string', 16),
  ];
  echo render($cols, $recs);

  // aggregation: dept -> stats (nested dict writes)
  $by = dict[];
  foreach ($recs as $r) {
    $d = $r['dept'] as string;
    $by[$d] ??= dict['n' => 0, 'sum' => 0.0, 'names' => vec[], 'active' => 0];
    $by[$d]['n']++;
    $by[$d]['sum'] += $r['salary'] ?? 0.0;
    $by[$d]['names'][] = $r['name'];
    if ($r['active']) $by[$d]['active'] += 1;
  }
  foreach ($by as $d => $s) {
    echo sprintf("%-6s n=%d sum=%12.2f avg=%10.3f active=%d/%d names=%s\n", $d, $s['n'], $s['sum'], $s['sum'] / $s['n'], $s['active'], $s['n'], implode('|', $s['names']));
  }

  // sprintf zoo
  $vals = vec[0, 1, -1, 255, 1000000, -123456789];
  foreach ($vals as $v) {
    echo sprintf("[%5d] [%-5d] [%05d] [%+d] [%x] [%X] [%o] [%b] [%e] [%.3e] [% d]\n", $v, $v, $v, $v, $v & 0xFFFF, $v & 0xFFFF, $v & 0777, $v & 0xFF, (float)$v, $v * 1.5, $v);
  }
  echo sprintf("[%c%c%c] [%%] [%s] [%10.4f] [%-10s] [%'.10d]\n", 72, 105, 33, true, M_PI, 'left', 42);
  echo sprintf("[%5.1f] [%05.1f] [%-8.3f] [%08.3f] [%.0f] [%.0f] [%.0f]\n", -2.345, 2.345, 3.14159, -3.14159, 0.5, 1.5, 2.5);
  echo sprintf("[%s] [%s] [%s] [%d] [%d]\n", 1.0, 0.1 + 0.7, 1e100, '12abc' === '12' ? 1 : 0, (int)'  42');
  foreach (wrap('the quick brown fox jumps over the lazy dog antidisestablishmentarianism', 10) as $l) echo "  |", str_pad($l, 10), "|\n";
  try {
    parseCsv("a,b\n\"open,c\n");
  } catch (CsvError $e) {
    echo "error: ", $e->getMessage(), " (line ", $e->line, ")\n";
  }
  try {
    parseCsv("a,b\nx\"y,z\n");
  } catch (CsvError $e) {
    echo "error: ", $e->getMessage(), "\n";
  }
}
