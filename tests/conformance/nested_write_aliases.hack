<?hh
// Nested writes `$c[k1][k2]... = v` replace an existing element in place only when every
// container on the path is reached by this path alone: a copy of an inner container taken
// before, a literal, or the container itself stored inside keeps its value.

<<__EntryPoint>>
function main(): void {
  $g = vec[];
  for ($i = 0; $i < 4; $i++) {
    $g[] = vec[0, 0, 0];
  }
  $row = $g[1];
  $snap = $g;
  $t = 0;
  for ($r = 0; $r < 3000; $r++) {
    $g[$r % 4][$r % 3] += 1;
    if ($r === 1500) {
      $mid = $g;
    }
  }
  echo implode(",", $g[0]), " ", implode(",", $g[1]), " ", implode(",", $row), " ", implode(",", $snap[1]), " ", implode(",", $mid[1]), "\n";

  $d = dict["a" => dict["n" => 1, "m" => vec[1, 2]], "b" => dict["n" => 2, "m" => vec[3]]];
  $lit = dict["x" => dict["y" => 1]];
  for ($r = 0; $r < 2000; $r++) {
    $d["a"]["n"] = $d["a"]["n"] + $r;
    $d["b"]["m"][0] = $r;
    $copy = $lit;
    $copy["x"]["y"] = $r;
  }
  echo $d["a"]["n"], " ", $d["b"]["m"][0], " ", $lit["x"]["y"], " ", $copy["x"]["y"], "\n";

  $self = vec[vec[1, 2], vec[3]];
  $self[0][1] = $self;
  echo count($self[0][1]), " ", $self[0][1][0][1], " ", $self[1][0], "\n";

  $e = vec[vec[1]];
  try {
    $e[0][5] = 9;
  } catch (OutOfBoundsException $ex) {
    echo "out of bounds: ", $ex->getMessage(), "\n";
  }
  $m = dict["k" => dict[]];
  try {
    $m["k"]["missing"]["deeper"] = 1;
  } catch (OutOfBoundsException $ex) {
    echo "missing: ", $ex->getMessage(), "\n";
  }
  echo count($e[0]), " ", count($m["k"]), "\n";
  $ks = dict["s" => keyset[1, 2]];
  try {
    $ks["s"][1] = 3;
  } catch (Exception $ex) {
    echo get_class($ex), "\n";
  }
  echo count($ks["s"]), "\n";
}
