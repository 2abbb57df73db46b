<?hh
// oracle: hand
// Built-ins given arguments of the wrong type throw a TypeError (or ArgumentCountError) naming
// the function, never a fatal error or an untyped Error: callbacks of the HSL, objects where
// strings or containers go, null or other types in optional parameters, hrtime's flag; and the
// arguments that change results are honoured (count's COUNT_RECURSIVE, json_encode's depth,
// htmlspecialchars' double_encode, checked against PHP 8.2); count() of an object is 1 and a mode
// other than COUNT_RECURSIVE a plain count, as HHVM's. Math\sum's result is an int.
// Relational operators between a Hack array and null or a bool throw, as HHVM's, while `==`
// compares them as bools.
class Foo {}
class Named { public function __toString(): string { return "named"; } }

function T((function(): mixed) $f): void {
  try { var_dump($f()); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}

<<__EntryPoint>>
function main(): void {
  echo "-- callbacks\n";
  T(() ==> Vec\map(vec[1, 2], 5));
  T(() ==> Vec\filter(vec[1, 0], null));
  T(() ==> Vec\sort_by(vec[2, 1], $x ==> $x, 3));
  T(() ==> C\reduce(vec[1, 2], ($a, $b) ==> $a + $b, 0));
  T(() ==> C\any(vec[1], new Foo()));
  T(() ==> Dict\from_keys(vec[1], 1.5));
  T(() ==> Vec\map(vec['ab'], 'strlen'));
  T(() ==> Vec\map(vec[1], 'echo'));
  T(() ==> { $f = 'print'; return $f('x'); });
  echo "-- objects\n";
  T(() ==> strlen(new Foo()));
  T(() ==> count(new Foo()));
  T(() ==> Str\join(new Foo(), ","));
  T(() ==> Str\join(vec[1], new Foo()));
  T(() ==> implode(",", new Foo()));
  T(() ==> implode(",", vec[new Named(), 2]));
  T(() ==> implode(",", vec[new Foo()]));
  T(() ==> sprintf(new Foo()));
  T(() ==> sprintf("%s", new Foo()));
  T(() ==> sprintf("%s-%d", new Named(), 1));
  T(() ==> strval(new Foo()));
  T(() ==> printf(() ==> 1));
  echo "-- formats\n";
  T(() ==> sprintf("%s %s", "a"));
  T(() ==> Str\format("%d"));
  T(() ==> printf("%2\$s", "a"));
  T(() ==> invariant(false, "%s %d", "a"));
  echo "-- hrtime\n";
  T(() ==> { $t = hrtime(); return count($t) === 2 && is_int($t[0]) && $t[1] >= 0 && $t[1] < 1000000000; });
  T(() ==> { $t = hrtime(false); $n = hrtime(true); return $n >= $t[0] * 1000000000 + $t[1]; });
  T(() ==> hrtime(5));
  echo "-- counts\n";
  T(() ==> count(vec[vec[1, 2], dict['a' => vec[3]], 4], COUNT_RECURSIVE));
  T(() ==> count(vec[vec[1, 2], 3], COUNT_NORMAL));
  T(() ==> count(vec[1], 2));
  T(() ==> json_encode(vec[vec[1]], 0, 1));
  T(() ==> json_encode(vec[vec[1]], 0, 2));
  T(() ==> json_encode(5, 0, 1));
  T(() ==> json_encode(vec[], 0, 0));
  echo "-- optional arguments are typed\n";
  T(() ==> trim("xax", null));
  T(() ==> Str\trim("  a  ", null));
  T(() ==> strpos("abc", "c", null));
  T(() ==> number_format(1234.5, null));
  T(() ==> round(2.5, null));
  T(() ==> intval("12", null));
  T(() ==> substr("abc", 1, null));
  T(() ==> str_pad("a", 3, "-", null));
  T(() ==> htmlspecialchars("a", 3, vec[]));
  T(() ==> htmlspecialchars("a", 3, null, 1));
  T(() ==> in_array(1, vec["1"], 1));
  T(() ==> array_reverse(vec[1, 2], "x"));
  T(() ==> microtime(vec[]));
  echo "-- htmlspecialchars without double encoding (as PHP 8.2)\n";
  $s = "a &amp; b &lt; &foo; &#39; &#x27; &#xZZ; &eacute; &apos; & <b> \"q\" &#1114112; &AMP;";
  T(() ==> htmlspecialchars($s, ENT_QUOTES, null, false));
  T(() ==> htmlspecialchars($s, ENT_QUOTES, "UTF-8", true));
  T(() ==> htmlspecialchars("&#0000000065; &#x0041; &nbsp; &Eacute;x", ENT_QUOTES, null, false));
  echo "-- Math\\sum is int\n";
  T(() ==> Math\sum(vec[1, 2, 3]));
  T(() ==> Math\sum(vec[1, 2.5]));
  T(() ==> Math\sum(vec[]));
  T(() ==> array_sum(vec[1, 2.5]));
  echo "-- comparisons\n";
  $v = vec[1];
  T(() ==> null < $v);
  T(() ==> $v <=> true);
  T(() ==> dict[] >= false);
  T(() ==> keyset[] > null);
  T(() ==> null == vec[]);
  T(() ==> true == $v);
  T(() ==> dict[] != false);
}
