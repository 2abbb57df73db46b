<?hh
// oracle: hand (PHP's and HHVM's Error for a constant whose value depends on itself)
// Computed constants (top-level and class) used in hot loops, so that compiled code reads
// them; constants built from other constants; and cycles of constants, which throw Error each
// time they are read, without disturbing the constants around them.

const int BASE = 10 * 4 + 2;
const string GREETING = 'hello, '.'world';
const vec<int> PRIMES = vec[2, 3, 5, 7, 11];
const int SCALED = BASE * Limits::FACTOR;

class Limits {
  const int FACTOR = 3 + 0;
  const int MAX = BASE * 1000 + Limits::FACTOR;
  const int LOOP_A = Loop::B + 1;
  const int FINE = Limits::FACTOR * 2;
}

class Loop {
  const int B = Limits::LOOP_A * 2;
}

const int SELF_A = SELF_B + 1;
const int SELF_B = SELF_A + 1;

function hot(int $n): int {
  $acc = 0;
  for ($i = 0; $i < $n; $i++) {
    $acc += BASE + Limits::FACTOR + PRIMES[$i % 5] + SCALED;
    if ($acc > Limits::MAX) {
      $acc -= Limits::MAX;
    }
  }
  return $acc;
}

function try_read(string $which): void {
  try {
    switch ($which) {
      case 'loop_a':
        echo Limits::LOOP_A, "\n";
        break;
      case 'loop_b':
        echo Loop::B, "\n";
        break;
      default:
        echo SELF_A, "\n";
        break;
    }
  } catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
  }
}

<<__EntryPoint>>
function main(): void {
  for ($r = 0; $r < 3; $r++) {
    echo hot(2000 + $r), "\n";
  }
  echo GREETING, ' ', strlen(GREETING), ' ', SCALED, ' ', Limits::MAX, "\n";
  try_read('loop_a');
  try_read('loop_b');
  try_read('loop_a');
  try_read('self');
  try_read('self');
  echo Limits::FINE, ' ', BASE, "\n";
}
