<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// str_replace with containers, as PHP: searches replaced in order, paired with the replacements
// (missing ones are ""), or each by one replacement string; a container subject gives one result
// per element with the same keys; elements convert to strings.
function main(): void {
  echo str_replace(['a', 'b'], ['1', '2'], 'abcab'), "\n";
  echo str_replace(['a', 'b'], 'X', 'abcab'), "\n";
  echo str_replace(['a', 'b', 'c'], ['b'], 'abc'), "|\n";
  echo str_replace(['ab', 'b'], ['b', 'c'], 'abab'), "\n";
  echo str_replace(['', 'a'], ['x', 'y'], 'aa'), "\n";
  echo str_replace(['k' => 1, 'j' => 2], [3, 4.5], '1212'), "\n";
  foreach (str_replace('a', 'z', ['aa', 5, 'ba', true]) as $k => $s) {
    echo $k, "=", $s, " ";
  }
  echo "\n";
  foreach (str_replace(['a', 'z'], ['z', 'q'], ['x' => 'aa', 3 => 'ba']) as $k => $s) {
    echo $k, "=", $s, " ";
  }
  echo "\n";
  try {
    str_replace('a', ['z'], 'abc');
  } catch (TypeError $e) {
    echo hh_get_class($e), ": ", $e->getMessage(), "\n";
  }
}

main();
