<?hh
// Checksums over strings with int arithmetic that stays in range: Adler-32,
// Fletcher-16, CRC-32 computed bit by bit (compared with crc32()), ISBN-10/13
// check digits, and hex formatting with dechex/str_pad/sprintf.

function adler32(string $s): int {
  $a = 1;
  $b = 0;
  for ($i = 0; $i < strlen($s); $i++) {
    $a = ($a + ord($s[$i])) % 65521;
    $b = ($b + $a) % 65521;
  }
  return ($b << 16) | $a;
}

function fletcher16(string $s): int {
  $s1 = 0;
  $s2 = 0;
  for ($i = 0; $i < strlen($s); $i++) {
    $s1 = ($s1 + ord($s[$i])) % 255;
    $s2 = ($s2 + $s1) % 255;
  }
  return ($s2 << 8) | $s1;
}

function crc32_bitwise(string $s): int {
  $crc = 0xFFFFFFFF;
  for ($i = 0; $i < strlen($s); $i++) {
    $crc ^= ord($s[$i]);
    for ($k = 0; $k < 8; $k++) {
      $crc = ($crc & 1) === 1 ? (($crc >> 1) ^ 0xEDB88320) : ($crc >> 1);
    }
  }
  return $crc ^ 0xFFFFFFFF;
}

function hex8(int $n): string {
  return str_pad(dechex($n), 8, "0", STR_PAD_LEFT);
}

function isbn10_check(string $nine): string {
  $sum = 0;
  for ($i = 0; $i < 9; $i++) {
    $sum += (10 - $i) * (ord($nine[$i]) - 48);
  }
  $c = (11 - $sum % 11) % 11;
  return $c === 10 ? "X" : (string)$c;
}

function isbn13_check(string $twelve): int {
  $sum = 0;
  for ($i = 0; $i < 12; $i++) {
    $sum += ($i % 2 === 0 ? 1 : 3) * (ord($twelve[$i]) - 48);
  }
  return (10 - $sum % 10) % 10;
}

<<__EntryPoint>>
function main(): void {
  $inputs = "|a|abc|Wikipedia|The quick brown fox jumps over the lazy dog|123456789";
  $start = 0;
  while ($start <= strlen($inputs)) {
    $bar = strpos($inputs, "|", $start);
    $end = $bar === false ? strlen($inputs) : $bar;
    $s = substr($inputs, $start, $end - $start);
    $mine = crc32_bitwise($s);
    echo sprintf("%-12s", strlen($s) > 12 ? substr($s, 0, 9)."..." : "'".$s."'"),
      " adler=", hex8(adler32($s)),
      " fletcher16=", sprintf("%04x", fletcher16($s)),
      " crc=", hex8($mine), " ", $mine === crc32($s) ? "ok" : "MISMATCH", " ", crc32($s), "\n";
    $start = $end + 1;
  }
  echo "ISBN-10: 030640615", isbn10_check("030640615"), " 080442957", isbn10_check("080442957"), " 000000000", isbn10_check("000000000"), "\n";
  echo "ISBN-13: 978030640615", isbn13_check("978030640615"), " 978316148410", isbn13_check("978316148410"), "\n";
  // a rolling checksum over a sliding window of 4 bytes
  $data = "abcdefghij";
  $window = 4;
  $sum = 0;
  for ($i = 0; $i < $window; $i++) {
    $sum += ord($data[$i]);
  }
  $line = (string)$sum;
  for ($i = $window; $i < strlen($data); $i++) {
    $sum += ord($data[$i]) - ord($data[$i - $window]);
    $line .= ",".$sum;
  }
  echo "rolling: ", $line, "\n";
  echo "hex: ", dechex(adler32("hack")), " ", strtoupper(dechex(crc32("hack"))), " ", hexdec(dechex(crc32("php"))) === crc32("php") ? "roundtrip" : "broken", "\n";
  echo htmlspecialchars("<checksum value=\"".hex8(crc32("x&y"))."\" note='ok'>"), "\n";
}
