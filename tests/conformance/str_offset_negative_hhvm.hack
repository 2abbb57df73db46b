<?hh
// oracle: hand
// String offsets as HHVM reads them: an offset is in range only when 0 <= offset < length.
// HHVM has no PHP 7.1 negative offsets: `$s[-1]` is "" (member-operations.h ElemString
// compares size_t(offset) >= size; the JIT's MInstrHelpers::stringGetI takes the offset as
// uint64_t), isset($s[-1]) is false (IssetElemString: x >= 0 && x < size), and `??` reads
// quietly (QueryM CGetQuiet), so it gives the "" rather than the default.
function at(string $s, int $i): string { return $s[$i]; }

<<__EntryPoint>>
function main(): void {
  $s = 'hello';
  $d = dict['s' => 'hello', 'v' => vec['abc']];
  var_dump($s[-1]);
  var_dump($d['s'][-2]);
  var_dump($d['v'][0][-3]);
  var_dump(isset($s[-1]));
  var_dump(isset($d['s'][-5]));
  var_dump($s[-1] ?? 'dflt');
  var_dump($s[0], $s[4], $s[5]);
  $n = 0;
  $t = '';
  for ($i = -7; $i < 7; $i++) {
    $c = at($s, $i);
    $n += strlen($c);
    $t .= $c === '' ? '.' : $c;
  }
  var_dump($n, $t);
}
