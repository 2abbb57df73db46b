<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Text statistics: word frequencies with dicts, sorting by count then word,
// letter histograms, sentence and line statistics, bigrams, a concordance.

const TEXT = <<<EOT
It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was
the epoch of incredulity, it was the season of Light, it was the season of
Darkness, it was the spring of hope, it was the winter of despair.
We had everything before us, we had nothing before us. We were all going
direct to Heaven, we were all going direct the other way!
EOT;

function words(string $text): array {
  $clean = "";
  for ($i = 0; $i < strlen($text); $i++) {
    $ch = $text[$i];
    $o = ord(strtolower($ch));
    $clean .= ($o >= 97 && $o <= 122) || $ch === "'" ? strtolower($ch) : " ";
  }
  return Vec\filter(explode(" ", $clean), fn($w) => $w !== "");
}

function top_words(array $freq, int $n): array {
  $sorted = Vec\sort(Vec\keys($freq), function($a, $b) use ($freq) {
    $c = $freq[$b] <=> $freq[$a];
    return $c !== 0 ? $c : strcmp($a, $b);
  });
  return Vec\take($sorted, $n);
}

function bar(int $n, int $scale): string {
  return str_repeat("#", intdiv($n + $scale - 1, $scale));
}

function main(): void {
  $ws = words(TEXT);
  echo "words: ", count($ws), ", distinct: ", count(Keyset\map($ws, fn($w) => $w)), "\n";
  $freq = Dict\count_values($ws);
  foreach (top_words($freq, 8) as $w) {
    echo Str\pad_right($w, 8), Str\pad_left((string)$freq[$w], 3), " ", bar($freq[$w], 2), "\n";
  }
  $once = Vec\sort(Vec\keys(Dict\filter($freq, fn($c) => $c === 1)));
  echo "hapax (", count($once), "): ", implode(" ", Vec\take($once, 10)), " ...\n";

  // word lengths
  $byLen = Dict\group_by($ws, fn($w) => strlen($w));
  $byLen = Dict\sort_by_key($byLen);
  foreach ($byLen as $len => $group) {
    echo "len ", Str\pad_left((string)$len, 2), ": ", Str\pad_left((string)count($group), 3), "  e.g. ", C\first($group), "\n";
  }
  $avg = (float)array_sum(Vec\map($ws, fn($w) => strlen($w))) / count($ws);
  echo "average length: ", round($avg, 3), "\n";

  // letters
  $letters = [];
  foreach ($ws as $w) {
    foreach (str_split($w) as $ch) {
      if ($ch === "'") { continue; }
      $letters[$ch] = ($letters[$ch] ?? 0) + 1;
    }
  }
  $topLetters = Vec\take(top_words($letters, 26), 6);
  echo "top letters: ", implode(" ", Vec\map($topLetters, fn($l) => $l . "=" . $letters[$l])), "\n";
  $missing = Keyset\diff(Keyset\map(str_split("abcdefghijklmnopqrstuvwxyz"), fn($c) => $c), Keyset\map(Vec\keys($letters), fn($c) => $c));
  echo "unused letters: ", implode("", $missing), "\n";

  // bigrams
  $bigrams = [];
  for ($i = 0; $i + 1 < count($ws); $i++) {
    $bg = $ws[$i] . " " . $ws[$i + 1];
    $bigrams[$bg] = ($bigrams[$bg] ?? 0) + 1;
  }
  echo "top bigrams: ", implode(", ", Vec\map(top_words($bigrams, 4), fn($b) => $b . " x" . $bigrams[$b])), "\n";

  // lines and sentences
  $lines = explode("\n", TEXT);
  foreach ($lines as $i => $line) {
    echo "line ", $i + 1, ": ", Str\pad_left((string)strlen($line), 3), " chars, ", count(words($line)), " words\n";
  }
  $sentences = Vec\filter(Vec\map(explode(".", str_replace("!", ".", TEXT)), fn($s) => trim($s)), fn($s) => $s !== "");
  echo "sentences: ", count($sentences), "; longest has ", Math\max(Vec\map($sentences, fn($s) => count(words($s)))), " words\n";

  // concordance: positions of 'we'
  $pos = [];
  foreach ($ws as $i => $w) {
    if ($w === "we") { $pos[] = $i; }
  }
  echo "'we' at: ", implode(",", $pos), "\n";
  $plain = TEXT;
  foreach ([",", ".", "!", "\n"] as $p) {
    $plain = str_replace($p, " ", $plain);
  }
  echo "capitalized: ", implode(" ", Vec\unique(Vec\filter(explode(" ", $plain), fn($w) => $w !== "" && ctype_upper_first($w)))), "\n";
}

function ctype_upper_first(string $w): bool {
  $o = ord($w[0]);
  return $o >= 65 && $o <= 90;
}

main();
