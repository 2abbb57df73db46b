<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Heredoc and nowdoc: interpolation (simple and braced), escapes, empty lines,
// quotes inside, use as function arguments and return values, concatenation.

function letter(string $to, int $amount, float $rate): string {
  $due = $amount * (1.0 + $rate);
  return <<<LETTER
Dear $to,

Your balance of {$amount} dollars accrues {$rate} interest.
Amount due: $due\tdollars.
  "Quoted" and 'single' lines keep their indentation.
Regards
LETTER;
}

function template(): string {
  return <<<'TPL'
Hello $name, your total is {$total}.
Backslashes stay: \n \t \\ \$
TPL;
}

function fill(string $tpl, string $name, string $total): string {
  return str_replace("{\$total}", $total, str_replace("\$name", $name, $tpl));
}

function main(): void {
  echo letter("Ada", 100, 0.05), "\n";
  echo "---\n";
  $t = template();
  echo $t, "\n";
  echo strlen($t), " chars, ", substr_count_lines($t), " lines\n";
  echo fill($t, "Grace", "42.50"), "\n";
  echo "---\n";
  $n = 3;
  $w = "word";
  $doc = <<<EOT
n=$n, doubled={$n}{$n}, word={$w}s
Escaped dollar: \$n and hex \x41 and unicode \u{2713}
EOT;
  echo $doc, "\n";
  $empty = <<<EOT
EOT;
  echo "[", $empty, "] ", strlen($empty), "\n";
  $oneline = <<<'RAW'
$just {$text}
RAW;
  echo "[", $oneline, "]\n";
  $blank_lines = <<<EOT

middle

EOT;
  echo strlen($blank_lines), ":", str_replace("\n", "|", $blank_lines), "\n";
  echo strtoupper(<<<EOT
inline heredoc $w
EOT
  ), "\n";
  $joined = <<<A
first
A
    . " + " . <<<'B'
second
B;
  echo $joined, "\n";
}

function substr_count_lines(string $s): int {
  $lines = 1;
  for ($i = 0; $i < strlen($s); $i++) {
    if ($s[$i] === "\n") {
      $lines++;
    }
  }
  return $lines;
}

main();
