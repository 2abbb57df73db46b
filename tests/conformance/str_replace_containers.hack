// str_replace with containers, as PHP: searches replaced in order, paired with the replacements
// (missing ones are ""), or each by one replacement string; a container subject gives one result
// per element with the same keys; elements convert to strings.
<<__EntryPoint>>
function main(): void {
  echo str_replace(vec['a', 'b'], vec['1', '2'], 'abcab'), "\n";
  echo str_replace(vec['a', 'b'], 'X', 'abcab'), "\n";
  echo str_replace(vec['a', 'b', 'c'], vec['b'], 'abc'), "|\n";
  echo str_replace(vec['ab', 'b'], vec['b', 'c'], 'abab'), "\n";
  echo str_replace(vec['', 'a'], vec['x', 'y'], 'aa'), "\n";
  echo str_replace(dict['k' => 1, 'j' => 2], vec[3, 4.5], '1212'), "\n";
  foreach (str_replace('a', 'z', vec['aa', 5, 'ba', true]) as $k => $s) {
    echo $k, "=", $s, " ";
  }
  echo "\n";
  foreach (str_replace(vec['a', 'z'], vec['z', 'q'], dict['x' => 'aa', 3 => 'ba']) as $k => $s) {
    echo $k, "=", $s, " ";
  }
  echo "\n";
  try {
    str_replace('a', vec['z'], 'abc');
  } catch (TypeError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
  }
}
