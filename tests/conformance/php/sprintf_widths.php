<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// sprintf/printf: %d %s %f %.Nf %x %X %o %b %e %c %% with widths, `-`, `0`,
// `+` and space flags, used to lay out a report table.

function row(string $name, int $qty, float $price): string {
  return sprintf("| %-10s | %5d | %9.2f | %10.2f |", $name, $qty, $price, $qty * $price);
}

function rule(): string {
  return "+".str_repeat("-", 12)."+".str_repeat("-", 7)."+".str_repeat("-", 11)."+".str_repeat("-", 12)."+";
}

function main(): void {
  echo sprintf("[%d] [%3d] [%-3d] [%03d] [%+d] [%+d] [%d]", 7, 7, 7, 7, 7, -7, -123456789), "\n";
  echo sprintf("[%5d] [%-5d] [%05d] [%+5d] [%+05d] [%2d]", -42, -42, -42, 42, 42, 12345), "\n";
  echo sprintf("[%s] [%8s] [%-8s] [%08s] [%2s] [%s]", "abc", "abc", "abc", "abc", "abcdef", ""), "\n";
  echo sprintf("[%f] [%.1f] [%.3f] [%10.4f] [%-10.1f] [%010.3f]", 1.5, 2.25 + 0.01, -0.3333333, 3.14159265, 2.75, -2.5), "\n";
  echo sprintf("[%.0f] [%.0f] [%5.1f] [%+.2f] [%+.2f] [%.2f]", 3.7, 1234567.8, 99.94, 1.0, -1.0, 1e6), "\n";
  echo sprintf("[%x] [%X] [%08x] [%o] [%b] [%016b] [%x]", 3054, 3054, 48879, 511, 10, 1234, -1), "\n";
  echo sprintf("[%e] [%.2e] [%.1e] [%e] [%.3e]", 1.0, 123456.0, 0.000456, -98765.4321, 6.02e23), "\n";
  echo sprintf("[%c%c%c] [%%] [%5.1f%%] [100%%]", 72, 97, 99, 45.67), "\n";
  echo sprintf("[% d] [% 5d] [%s] [%s] [%s]", 42, 42, true, 3.0, 0.1 + 0.2), "\n";
  echo sprintf("%s=%d, %s=%d", "a", 1, "b", 2), "\n";
  echo sprintf("no args"), " ", sprintf("%d%s", 3, "rd"), " ", sprintf("%5s|%-5s|", "r", "l"), "\n";
  echo rule(), "\n";
  echo sprintf("| %-10s | %5s | %9s | %10s |", "item", "qty", "price", "total"), "\n";
  echo rule(), "\n";
  echo row("widget", 3, 4.5), "\n";
  echo row("gadget", 12, 19.99), "\n";
  echo row("doohickey", 100, 0.35), "\n";
  echo row("thingamajig", 1, 1234.5), "\n";
  echo rule(), "\n";
  $total = 3 * 4.5 + 12 * 19.99 + 100 * 0.35 + 1234.5;
  printf("| %-10s | %5s | %9s | %10.2f |\n", "TOTAL", "", "", $total);
  echo rule(), "\n";
  for ($i = 0; $i < 16; $i += 5) {
    printf("%2d 0x%02X 0%o %04b\n", $i, $i * 17, $i, $i);
  }
  $hex = "";
  for ($b = 250; $b < 256; $b++) {
    $hex .= sprintf("%02x", $b);
  }
  echo $hex, " ", strtoupper($hex), "\n";
  printf("%s has %d chars and %.1f%% vowels\n", "programming", strlen("programming"), 3 / 11 * 100);
  echo sprintf("%06.2f|%-8.3f|%8.3f", 3.14159, 2.71828, -2.71828), "\n";
}

main();
