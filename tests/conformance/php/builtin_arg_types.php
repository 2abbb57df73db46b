<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Built-ins take their parameters as HHVM types them (PHP agrees under strict_types): a string,
// int or float parameter given another type throws TypeError instead of converting (an int is
// accepted for a float). Messages are not compared (PHP names the parameters).
function t(\Closure $f): void {
  try { $v = $f(); echo "ok ", (string)$v, "\n"; } catch (TypeError $e) { echo "TypeError\n"; }
}
function main(): void {
  t(fn() => strlen(5)); t(fn() => ord(65)); t(fn() => Str\length(5)); t(fn() => chr(65.0));
  t(fn() => strtoupper(5)); t(fn() => str_repeat(5, 2)); t(fn() => substr(123, 1)); t(fn() => substr("abc", "1"));
  t(fn() => trim(5)); t(fn() => explode(",", 5)); t(fn() => strpos(15, "1")); t(fn() => dechex(1.5));
  t(fn() => hexdec(255)); t(fn() => crc32(5)); t(fn() => sqrt("4")); t(fn() => intdiv("5", 2));
  t(fn() => floor("2.5")); t(fn() => hh_htmlspecialchars(5)); t(fn() => Str\repeat('a', 1.0)); t(fn() => Math\sqrt("4"));
  t(fn() => sqrt(4)); t(fn() => pow(2, 0.5)); t(fn() => round(2)); t(fn() => str_pad("a", 3)); t(fn() => abs(-3));
}

main();
