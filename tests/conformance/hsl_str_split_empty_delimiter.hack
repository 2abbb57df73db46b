<?hh
// oracle: hand
// Str\split with an empty delimiter, as the HSL's source does it: Str\chunk (bytes; an empty
// string gives vec[""], as HHVM's str_split) when there is no limit or the limit reaches the
// length, vec[$string] for a limit of 1, else the first limit-1 bytes and the rest; a limit
// below 1 (and below the length) fails `invariant($limit > 1, 'Expected positive limit.')`.
use namespace HH\Lib\Str;

function show(vec<string> $v): string {
  return count($v) . ":" . implode(",", $v);
}

<<__EntryPoint>>
function main(): void {
  echo show(Str\split('', '')), "\n";
  echo show(Str\split('', '', 0)), "\n";
  echo show(Str\split('abc', '')), "\n";
  echo show(Str\split('abc', '', 9)), "\n";
  echo show(Str\split('abc', '', 3)), "\n";
  echo show(Str\split('abc', '', 2)), "\n";
  echo show(Str\split('abc', '', 1)), "\n";
  try_split('abc', 0);
  try_split('abc', -1);
  try_split('', -1);
}

function try_split(string $s, int $limit): void {
  try {
    echo show(Str\split($s, '', $limit)), "\n";
  } catch (HH\InvariantException $e) {
    echo "InvariantException: ", $e->getMessage(), "\n";
  }
}
