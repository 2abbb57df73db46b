<?hh
// Enums: int and string backed, getValues() order and keys, enum values as
// dict keys and in keysets, switch over enums with fall-through and default,
// enum-typed parameters/returns/properties, constants built from enums.

enum Level: int {
  DEBUG = 10;
  INFO = 20;
  WARN = 30;
  ERROR = 40;
}

enum Dir: string {
  N = 'north';
  E = 'east';
  S = 'south';
  W = 'west';
}

const Level DEFAULT_LEVEL = Level::INFO;

function turn_right(Dir $d): Dir {
  switch ($d) {
    case Dir::N: return Dir::E;
    case Dir::E: return Dir::S;
    case Dir::S: return Dir::W;
    default: return Dir::N;
  }
}

function severity(Level $l): string {
  $out = "";
  switch ($l) {
    case Level::ERROR:
      $out .= "page ";
      // FALLTHROUGH
    case Level::WARN:
      $out .= "alert ";
      // FALLTHROUGH
    case Level::INFO:
      $out .= "log";
      break;
    default:
      $out = "ignore";
  }
  return $out;
}

final class Logger {
  private vec<string> $lines = vec[];
  public function __construct(private Level $min = DEFAULT_LEVEL) {}
  public function log(Level $l, string $msg): void {
    if ($l >= $this->min) {
      $names = Dict\flip(Level::getValues());
      $this->lines[] = $names[$l] . ": " . $msg;
    }
  }
  public function lines(): vec<string> { return $this->lines; }
}

<<__EntryPoint>>
function main(): void {
  foreach (Level::getValues() as $name => $v) {
    echo $name, "=", $v, " -> ", severity($v), "\n";
  }
  $d = Dir::N;
  $path = vec[];
  for ($i = 0; $i < 5; $i++) {
    $path[] = $d;
    $d = turn_right($d);
  }
  echo implode(" > ", $path), "\n";
  echo count(Dir::getValues()), " directions: ", implode(",", Vec\keys(Dir::getValues())), "\n";
  $moves = dict[Dir::N => vec[0, 1], Dir::E => vec[1, 0], Dir::S => vec[0, -1], Dir::W => vec[-1, 0]];
  $x = 0;
  $y = 0;
  foreach (vec[Dir::N, Dir::N, Dir::E, Dir::S, Dir::E, Dir::E, Dir::W] as $step) {
    $x += $moves[$step][0];
    $y += $moves[$step][1];
  }
  echo "position ", $x, ",", $y, "\n";
  $seen = keyset[Dir::E, Dir::W, Dir::E];
  echo "seen ", count($seen), ": ", implode(",", $seen), ", has south: ", C\contains_key($seen, Dir::S) ? "yes" : "no", "\n";
  $logger = new Logger();
  $logger->log(Level::DEBUG, "hidden");
  $logger->log(Level::WARN, "disk 91%");
  $logger->log(Level::ERROR, "disk full");
  $logger->log(DEFAULT_LEVEL, "default level");
  $verbose = new Logger(Level::DEBUG);
  $verbose->log(Level::DEBUG, "shown");
  echo implode("; ", Vec\concat($logger->lines(), $verbose->lines())), "\n";
  echo Level::WARN + 1, " ", Level::ERROR > Level::WARN ? "ordered" : "?", " ", Dir::S . "-" . Dir::W, "\n";
  echo C\contains(Level::getValues(), 30) ? "30 is a level" : "no", ", ", C\contains(Level::getValues(), 35) ? "35 is a level" : "35 is not a level", "\n";
}
