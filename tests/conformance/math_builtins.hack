<?hh
// Math built-ins on scalars: abs min max floor ceil round sqrt pow intdiv fmod
// exp log log10 trig pi, NAN/INF predicates, result types, plus a few numeric
// routines (Newton's square root, compound interest, distance, degrees).

function t(mixed $v): string {
  return gettype($v)."(".(string)$v.")";
}

function newton_sqrt(float $x): float {
  $g = $x / 2.0;
  for ($i = 0; $i < 30; $i++) {
    $g = ($g + $x / $g) / 2.0;
  }
  return $g;
}

function deg(float $rad): float {
  return $rad * 180.0 / M_PI;
}

<<__EntryPoint>>
function main(): void {
  echo t(abs(-5)), " ", t(abs(-5.5)), " ", t(abs(0)), " ", t(abs(PHP_INT_MAX)), "\n";
  echo t(min(4, 2, 8)), " ", t(max(4, 2, 8)), " ", t(min(1.5, 2)), " ", t(max(-3, -3.5)), "\n";
  echo t(floor(3.7)), " ", t(floor(-3.2)), " ", t(ceil(3.2)), " ", t(ceil(-3.7)), " ", t(floor(7)), "\n";
  echo t(round(3.5)), " ", t(round(4.5)), " ", t(round(-3.5)), " ", t(round(2.4)), " ", t(round(1.2345, 2)), " ", t(round(1250, -2)), "\n";
  echo t(sqrt(49)), " ", t(sqrt(2.25)), " ", t(pow(3, 4)), " ", t(pow(2, -2)), " ", t(pow(2.5, 2)), " ", t(pow(9, 0.5)), "\n";
  echo t(intdiv(17, 5)), " ", t(intdiv(-17, 5)), " ", t(fmod(17.5, 5)), " ", t(fmod(-17.5, 5)), " ", t(fmod(5, 2.5)), "\n";
  echo t(exp(1)), " ", t(log(e_const())), " ", t(log(100, 10)), " ", t(log10(0.001)), " ", t(log(8, 2)), "\n";
  echo t(sin(M_PI / 6)), " ", t(cos(M_PI / 3)), " ", t(tan(M_PI / 4)), " ", t(atan(1.0)), " ", t(atan2(1.0, -1.0)), " ", t(pi()), "\n";
  echo t(M_PI), " ", t(INF), " ", t(-INF), " ", t(NAN), " ", t(PHP_INT_MAX), " ", t(PHP_INT_MIN), "\n";
  echo is_nan(NAN) ? "nan" : "-", is_nan(sqrt(-4)) ? " nan" : " -", is_nan(log(-1)) ? " nan" : " -", is_infinite(log(0)) ? " inf" : " -", is_infinite(exp(1000)) ? " inf" : " -", is_infinite(1.0e308) ? " inf" : " fin", is_nan(INF - INF) ? " nan" : " -", "\n";
  echo t(log(0)), " ", t(exp(-1000)), " ", t(fmod(1, 0)), " ", t(sqrt(-1)), "\n";
  echo "newton: ", newton_sqrt(2.0), " ", newton_sqrt(144.0), " ", newton_sqrt(1e10), " vs ", sqrt(1e10), "\n";
  // compound interest, yearly
  $balance = 1000.0;
  for ($year = 1; $year <= 5; $year++) {
    $balance = round($balance * 1.07, 2);
    echo "year ", $year, ": ", $balance, "\n";
  }
  echo "closed form: ", round(1000 * pow(1.07, 5), 2), "\n";
  // hypotenuse and angle
  for ($i = 1; $i <= 4; $i++) {
    $a = (float)$i * 3.0;
    $b = (float)$i * 4.0;
    $h = sqrt($a * $a + $b * $b);
    echo "tri ", $i, ": hyp=", $h, " angle=", round(deg(atan2($b, $a)), 4), "\n";
  }
  echo "degrees: ", deg(M_PI), " ", deg(M_PI / 4), " ", round(deg(1.0), 6), "\n";
  echo "trig identity: ", round(sin(0.7) ** 2 + cos(0.7) ** 2, 12), "\n";
  $e = 0.0;
  $fact = 1.0;
  for ($k = 0; $k < 18; $k++) {
    if ($k > 0) {
      $fact *= (float)$k;
    }
    $e += 1.0 / $fact;
  }
  echo "e by series: ", $e, " exp(1): ", exp(1), "\n";
}

function e_const(): float {
  return exp(1.0);
}
