<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Enums: int and string backed, getValues() order and keys, enum values as
// dict keys and in keysets, switch over enums with fall-through and default,
// enum-typed parameters/returns/properties, constants built from enums.

final class Level {
  const DEBUG = 10;
  const INFO = 20;
  const WARN = 30;
  const ERROR = 40;
  public static function getValues(): array { return ['DEBUG' => 10, 'INFO' => 20, 'WARN' => 30, 'ERROR' => 40]; }
  public static function getNames(): array { return \Dict\flip(self::getValues()); }
}

final class Dir {
  const N = 'north';
  const E = 'east';
  const S = 'south';
  const W = 'west';
  public static function getValues(): array { return ['N' => 'north', 'E' => 'east', 'S' => 'south', 'W' => 'west']; }
  public static function getNames(): array { return \Dict\flip(self::getValues()); }
}

const DEFAULT_LEVEL = Level::INFO;

function turn_right(string $d): string {
  switch ($d) {
    case Dir::N: return Dir::E;
    case Dir::E: return Dir::S;
    case Dir::S: return Dir::W;
    default: return Dir::N;
  }
}

function severity(int $l): string {
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
  private array $lines = [];
  public function __construct(private int $min = DEFAULT_LEVEL) {}
  public function log(int $l, string $msg): void {
    if ($l >= $this->min) {
      $names = Dict\flip(Level::getValues());
      $this->lines[] = $names[$l] . ": " . $msg;
    }
  }
  public function lines(): array { return $this->lines; }
}

function main(): void {
  foreach (Level::getValues() as $name => $v) {
    echo $name, "=", $v, " -> ", severity($v), "\n";
  }
  $d = Dir::N;
  $path = [];
  for ($i = 0; $i < 5; $i++) {
    $path[] = $d;
    $d = turn_right($d);
  }
  echo implode(" > ", $path), "\n";
  echo count(Dir::getValues()), " directions: ", implode(",", Vec\keys(Dir::getValues())), "\n";
  $moves = [Dir::N => [0, 1], Dir::E => [1, 0], Dir::S => [0, -1], Dir::W => [-1, 0]];
  $x = 0;
  $y = 0;
  foreach ([Dir::N, Dir::N, Dir::E, Dir::S, Dir::E, Dir::E, Dir::W] as $step) {
    $x += $moves[$step][0];
    $y += $moves[$step][1];
  }
  echo "position ", $x, ",", $y, "\n";
  $seen = hh_keyset([Dir::E, Dir::W, Dir::E]);
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

main();
