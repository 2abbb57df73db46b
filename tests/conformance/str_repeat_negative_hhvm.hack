<?hh
// oracle: hand (HHVM's str_repeat, hphp/runtime/ext/string/ext_string.cpp: an empty input is
// returned before the multiplier is checked; a negative multiplier throws RuntimeException
// "Second argument has to be greater than or equal to 0". Str\repeat's own invariant
// ("Expected non-negative multiplier", HSL transform.php) comes first.)
<<__EntryPoint>>
function main(): void {
  foreach (vec[-1, -5, PHP_INT_MIN] as $n) {
    try {
      $r = str_repeat("ab", $n);
      echo "[", $r, "]\n";
    } catch (RuntimeException $e) {
      echo get_class($e), ": ", $e->getMessage(), "\n";
    }
    echo "[", str_repeat("", $n), "]\n";
    try {
      $r = Str\repeat("", $n);
      echo "[", $r, "]\n";
    } catch (HH\InvariantException $e) {
      echo get_class($e), ": ", $e->getMessage(), "\n";
    }
  }
  echo "[", str_repeat("", 0), "][", str_repeat("x", 0), "][", str_repeat("", 3), "]\n";
}
