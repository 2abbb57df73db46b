<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// A word wrapper and justifier built from strpos/substr/str_repeat: greedy
// wrapping to a width, hard-splitting over-long words, left/right/center
// alignment, full justification, and a boxed paragraph.

const TEXT = "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! Supercalifragilisticexpialidocious words get split.";

function next_word(string $text, int $pos): int {
  // returns the end offset of the word that starts at $pos
  $sp = strpos($text, " ", $pos);
  return $sp === false ? strlen($text) : $sp;
}

function wrap(string $text, int $width): string {
  $out = "";
  $line = "";
  $pos = 0;
  $n = strlen($text);
  while ($pos < $n) {
    $end = next_word($text, $pos);
    $word = substr($text, $pos, $end - $pos);
    $pos = $end + 1;
    while (strlen($word) > $width) {
      if ($line !== "") {
        $out .= $line."\n";
        $line = "";
      }
      $out .= substr($word, 0, $width - 1)."-\n";
      $word = substr($word, $width - 1);
    }
    if ($line === "") {
      $line = $word;
    } else if (strlen($line) + 1 + strlen($word) <= $width) {
      $line .= " ".$word;
    } else {
      $out .= $line."\n";
      $line = $word;
    }
  }
  return $out.$line;
}

function align(string $line, int $width, string $how): string {
  $gap = $width - strlen($line);
  switch ($how) {
    case "right":
      return str_repeat(" ", $gap).$line;
    case "center":
      $l = intdiv($gap, 2);
      return str_repeat(" ", $l).$line.str_repeat(" ", $gap - $l);
    default:
      return $line.str_repeat(" ", $gap);
  }
}

function justify(string $line, int $width): string {
  $spaces = 0;
  for ($i = 0; $i < strlen($line); $i++) {
    if ($line[$i] === " ") {
      $spaces++;
    }
  }
  if ($spaces === 0) {
    return str_pad($line, $width);
  }
  $extra = $width - strlen($line);
  $each = intdiv($extra, $spaces);
  $left = $extra % $spaces;
  $out = "";
  $k = 0;
  for ($i = 0; $i < strlen($line); $i++) {
    $out .= $line[$i];
    if ($line[$i] === " ") {
      $out .= str_repeat(" ", $each + ($k < $left ? 1 : 0));
      $k++;
    }
  }
  return $out;
}

function each_line(string $wrapped, int $width, string $mode): void {
  $pos = 0;
  $n = strlen($wrapped);
  while ($pos <= $n) {
    $nl = strpos($wrapped, "\n", $pos);
    $end = $nl === false ? $n : $nl;
    $line = substr($wrapped, $pos, $end - $pos);
    $last = $nl === false;
    $body = $mode === "justify" ? ($last ? align($line, $width, "left") : justify($line, $width)) : align($line, $width, $mode);
    echo "|", $body, "|\n";
    $pos = $end + 1;
  }
}

function main(): void {
  $w20 = wrap(TEXT, 20);
  echo $w20, "\n---\n";
  each_line($w20, 20, "right");
  echo "---\n";
  each_line($w20, 20, "center");
  echo "---\n";
  each_line(wrap(TEXT, 28), 28, "justify");
  echo "---\n";
  $w12 = wrap(TEXT, 12);
  echo "+", str_repeat("-", 14), "+\n";
  $pos = 0;
  while ($pos <= strlen($w12)) {
    $nl = strpos($w12, "\n", $pos);
    $end = $nl === false ? strlen($w12) : $nl;
    echo "| ", str_pad(substr($w12, $pos, $end - $pos), 12), " |\n";
    $pos = $end + 1;
  }
  echo "+", str_repeat("-", 14), "+\n";
  echo "[", wrap("", 10), "] [", wrap("short", 10), "] [", wrap("exactly-10", 10), "]\n";
}

main();
