<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// number_format with 0-4 decimals and custom separators, plus a hand-written
// formatter (thousands grouping with strrev/substr) that must agree with it,
// used for an invoice and a human-readable byte-size printer.

function group_thousands(int $n, string $sep = ","): string {
  $neg = $n < 0;
  $digits = (string)($neg ? -$n : $n);
  $rev = strrev($digits);
  $out = "";
  for ($i = 0; $i < strlen($rev); $i += 3) {
    if ($i > 0) {
      $out .= $sep;
    }
    $out .= substr($rev, $i, 3);
  }
  return ($neg ? "-" : "").strrev($out);
}

function money(int $cents): string {
  $sign = $cents < 0 ? "-" : "";
  $abs = $cents < 0 ? -$cents : $cents;
  return $sign.'$'.group_thousands(intdiv($abs, 100)).".".str_pad((string)($abs % 100), 2, "0", STR_PAD_LEFT);
}

function human_bytes(int $bytes): string {
  $units = "B  KiBMiBGiBTiB";
  $value = (float)$bytes;
  $u = 0;
  while ($value >= 1024.0 && $u < 4) {
    $value /= 1024.0;
    $u++;
  }
  $unit = rtrim(substr($units, $u * 3, 3));
  $decimals = $u === 0 ? 0 : 1;
  return number_format($value, $decimals)." ".$unit;
}

function main(): void {
  echo number_format(0), " ", number_format(999), " ", number_format(1000), " ", number_format(-1234567), "\n";
  echo number_format(1234.5678, 2), " ", number_format(1234.5678, 1), " ", number_format(1234.5678, 3), " ", number_format(0.5678, 4), "\n";
  echo number_format(1234567.891, 2, ",", "."), " ", number_format(1234567.891, 2, ".", " "), " ", number_format(9876543.21, 0, ".", "'"), "\n";
  echo number_format(1234567.25, 2, ".", ""), " ", number_format(0.75), " ", number_format(2.5), " ", number_format(3.5), " ", number_format(-2.5), "\n";
  echo number_format(1000000, 2), " ", number_format(12.3, 3), " ", number_format(-0.75, 1), " ", number_format(99.999, 2), "\n";
  $checks = 0;
  for ($n = -2000000; $n <= 2000000; $n += 333333) {
    if (group_thousands($n) === number_format($n)) {
      $checks++;
    } else {
      echo "mismatch at ", $n, "\n";
    }
  }
  echo "group_thousands agrees with number_format on ", $checks, " values\n";
  echo group_thousands(1234567890, "."), " ", group_thousands(12), " ", group_thousands(-999), " ", group_thousands(-1000), "\n";
  // an invoice in integer cents
  $subtotal = 0;
  $item = 1;
  while ($item <= 5) {
    $unit = $item * 1999 + 1;
    $qty = $item * $item;
    $line = $unit * $qty;
    $subtotal += $line;
    echo str_pad("item ".$item, 8), str_pad((string)$qty, 4, " ", STR_PAD_LEFT), " x ", str_pad(money($unit), 8, " ", STR_PAD_LEFT), " = ", str_pad(money($line), 11, " ", STR_PAD_LEFT), "\n";
    $item++;
  }
  $tax = intdiv($subtotal * 825 + 5000, 10000);
  $discount = -intdiv($subtotal, 20);
  echo "subtotal ", money($subtotal), "\n";
  echo "tax 8.25% ", money($tax), "\n";
  echo "discount ", money($discount), "\n";
  echo "total ", money($subtotal + $tax + $discount), "\n";
  echo "check ", number_format(($subtotal + $tax + $discount) / 100, 2), "\n";
  $sizes = 1;
  for ($i = 0; $i < 7; $i++) {
    echo human_bytes($sizes), " | ";
    $sizes = $sizes * 37 + 1000;
  }
  echo human_bytes(1536), " | ", human_bytes(1073741824), "\n";
}

main();
