<?hh
// isset/unset/??/??= on dicts, vecs, keysets, nested containers and object
// properties; idx() with defaults; null values vs missing keys;
// array_key_exists vs isset; C\contains_key.

final class Config {
  public ?string $name = null;
  public dict<string, mixed> $opts = dict[];
}

<<__EntryPoint>>
function main(): void {
  $d = dict['a' => 1, 'n' => null, 'z' => 0, 'e' => ''];
  foreach (vec['a', 'n', 'z', 'e', 'missing'] as $k) {
    echo $k, ": isset=", isset($d[$k]) ? "T" : "F",
      " exists=", array_key_exists($k, $d) ? "T" : "F",
      " contains_key=", C\contains_key($d, $k) ? "T" : "F",
      " ??=", $d[$k] ?? "default",
      " idx=", idx($d, $k, "dflt") ?? "null", "\n";
  }
  unset($d['a']);
  unset($d['never-there']);
  echo count($d), " ", implode(",", Vec\keys($d)), "\n";
  $d['a'] ??= 5;
  $d['a'] ??= 6;
  $d['n'] ??= 7;   // null counts as unset for ??=
  $d['z'] ??= 8;   // 0 is set
  echo $d['a'], " ", $d['n'], " ", $d['z'], "\n";

  $v = vec[10, 20, 30];
  echo isset($v[0]) ? "v0" : "-", " ", isset($v[3]) ? "v3" : "-", " ", isset($v[-1]) ? "v-1" : "-", " ", $v[7] ?? "none", "\n";
  echo idx($v, 1), " ", idx($v, 9, "nine?"), "\n";

  $nested = dict['a' => dict['b' => vec[1, 2]], 'x' => null];
  echo isset($nested['a']['b'][1]) ? "deep set" : "-", " ", isset($nested['a']['c']) ? "c" : "no c", " ",
    isset($nested['q']['r']) ? "qr" : "no qr", " ", isset($nested['x']['y']) ? "xy" : "no xy", "\n";
  echo $nested['a']['b'][5] ?? "deep default", " ", $nested['q']['r']['s'] ?? "chain default", "\n";
  unset($nested['a']['b']);
  echo count($nested['a']), " ", count($nested), "\n";

  $ks = keyset['red', 'green'];
  echo isset($ks['red']) ? "red" : "-", " ", isset($ks['blue']) ? "blue" : "no blue", "\n";
  unset($ks['red']);
  $ks[] = 'blue';
  echo implode(",", $ks), "\n";

  $c = new Config();
  echo $c->name ?? "anonymous", " ", isset($c->name) ? "named" : "unnamed", "\n";
  $c->name ??= "first";
  $c->name ??= "second";
  $c->opts['debug'] ??= true;
  $c->opts['level'] ??= 3;
  $c->opts['level'] ??= 4;
  echo $c->name, " ", $c->opts['level'], " ", $c->opts['debug'] ? "debug" : "quiet", " ", count($c->opts), "\n";
  unset($c->opts['debug']);
  echo implode(",", Vec\keys($c->opts)), "\n";
  $maybe = null;
  echo $maybe?->name ?? "null object", "\n";
  $counts = dict[];
  foreach (str_split("mississippi") as $ch) {
    $counts[$ch] = ($counts[$ch] ?? 0) + 1;
  }
  foreach ($counts as $ch => $n) { echo $ch, $n; }
  echo "\n";
  $first = null;
  $second = null;
  $third = "third";
  echo $first ?? $second ?? $third, " ", null ?? false ? "t" : "f", "\n";
}
