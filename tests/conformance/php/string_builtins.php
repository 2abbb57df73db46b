<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// The classic PHP string functions on plain strings: lengths, slicing,
// searching, replacing, padding, case, trimming, ord/chr, strcmp, strrev.

function sign(int $n): string {
  if ($n < 0) {
    return "<";
  }
  return $n > 0 ? ">" : "=";
}

function find_all(string $hay, string $needle): string {
  $out = "";
  $pos = strpos($hay, $needle);
  while ($pos !== false) {
    $out .= $pos." ";
    $pos = strpos($hay, $needle, $pos + 1);
  }
  return $out === "" ? "none" : rtrim($out);
}

function caesar(string $s, int $k): string {
  $out = "";
  for ($i = 0; $i < strlen($s); $i++) {
    $c = ord($s[$i]);
    if ($c >= 97 && $c <= 122) {
      $out .= chr(97 + ($c - 97 + $k) % 26);
    } else if ($c >= 65 && $c <= 90) {
      $out .= chr(65 + ($c - 65 + $k) % 26);
    } else {
      $out .= $s[$i];
    }
  }
  return $out;
}

function main(): void {
  $s = "The quick brown fox jumps over the lazy dog";
  echo strlen($s), " ", strlen(""), " ", strlen("tab\there"), "\n";
  echo substr($s, 4, 5), "|", substr($s, -3), "|", substr($s, -8, 4), "|", substr($s, 40), "|", substr($s, 10, -20), "\n";
  echo strpos($s, "o"), " ", strrpos($s, "o"), " ", strpos($s, "the"), " ", strpos($s, "The"), " ", strpos($s, "o", 20), "\n";
  echo strpos($s, "cat") === false ? "no cat" : "cat", " ", strrpos($s, "z"), " ", find_all($s, "o"), " / ", find_all($s, "xyz"), "\n";
  echo str_repeat("ab", 3), "|", str_repeat("-", 0), "|", str_repeat("=+", 5), "\n";
  echo str_replace("o", "0", $s), "\n";
  echo str_replace("the", "THE", $s), " ", str_replace("o", "", "foo boo"), " ", str_replace("aa", "b", "aaaaa"), "\n";
  echo "[", str_pad("7", 3, "0", STR_PAD_LEFT), "] [", str_pad("ab", 7, "-=", STR_PAD_BOTH), "] [", str_pad("left", 8), "] [", str_pad("toolong", 3), "] [", str_pad("x", 6, "abc"), "]\n";
  echo strtoupper("Hello, World! 123"), " ", strtolower("MiXeD CaSe"), " ", ucfirst("hack"), " ", ucfirst("Already"), " ", ucfirst(""), "|\n";
  echo "[", trim("  padded  "), "] [", ltrim("  left"), "] [", rtrim("right  \n"), "] [", trim("xxhixx", "x"), "] [", trim("\t\n mixed \r\0"), "]\n";
  echo "[", rtrim("1.5000", "0"), "] [", rtrim(rtrim("2.000", "0"), "."), "] [", ltrim("0042", "0"), "] [", trim("--==--", "-="), "]\n";
  echo ord("A"), " ", ord("a"), " ", ord("0"), " ", ord(" "), " ", ord("~"), " ", ord("ABC"), " ", chr(72), chr(105), chr(33), "\n";
  echo sign(strcmp("apple", "banana")), " ", sign(strcmp("b", "a")), " ", sign(strcmp("same", "same")), " ", sign(strcmp("abc", "abcd")), " ", sign(strcmp("Z", "a")), "\n";
  echo strrev("stressed"), " ", strrev(""), "|", strrev("a"), " ", strrev("racecar") === "racecar" ? "palindrome" : "no", "\n";
  echo caesar("Hello, World!", 3), " ", caesar(caesar("Round Trip", 13), 13), "\n";
  // character classes by hand
  $text = "Hello World 2024, from Hack!";
  $upper = 0;
  $lower = 0;
  $digits = 0;
  $other = 0;
  for ($i = 0; $i < strlen($text); $i++) {
    $ch = $text[$i];
    if ($ch >= "A" && $ch <= "Z") {
      $upper++;
    } else if ($ch >= "a" && $ch <= "z") {
      $lower++;
    } else if ($ch >= "0" && $ch <= "9") {
      $digits++;
    } else {
      $other++;
    }
  }
  echo "upper=$upper lower=$lower digits=$digits other=$other\n";
  // title case without ucwords
  $words = "the art of computer programming";
  $out = "";
  $start = 0;
  while ($start <= strlen($words)) {
    $sp = strpos($words, " ", $start);
    if ($sp === false) {
      $sp = strlen($words);
    }
    $w = substr($words, $start, $sp - $start);
    $out .= ($out === "" ? "" : " ").ucfirst($w);
    $start = $sp + 1;
  }
  echo $out, "\n";
  echo hh_htmlspecialchars("<a href=\"x?a=1&b=2\">Tom's</a>"), "\n";
  echo dechex(255), " ", dechex(0), " ", dechex(48879), " ", hexdec("ff"), " ", hexdec("DEADBEEF"), " ", hexdec("10"), "\n";
  echo crc32("hello"), " ", crc32(""), " ", crc32("The quick brown fox jumped over the lazy dog."), "\n";
}

main();
