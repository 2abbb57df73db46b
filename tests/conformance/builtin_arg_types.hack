<?hh
// Built-ins take their parameters as HHVM types them (PHP agrees under strict_types): a string,
// int or float parameter given another type throws TypeError instead of converting (an int is
// accepted for a float). Messages are not compared (PHP names the parameters).
function t((function(): mixed) $f): void {
  try { $v = $f(); echo "ok ", (string)$v, "\n"; } catch (TypeError $e) { echo "TypeError\n"; }
}
<<__EntryPoint>>
function main(): void {
  t(() ==> strlen(5)); t(() ==> ord(65)); t(() ==> Str\length(5)); t(() ==> chr(65.0));
  t(() ==> strtoupper(5)); t(() ==> str_repeat(5, 2)); t(() ==> substr(123, 1)); t(() ==> substr("abc", "1"));
  t(() ==> trim(5)); t(() ==> explode(",", 5)); t(() ==> strpos(15, "1")); t(() ==> dechex(1.5));
  t(() ==> hexdec(255)); t(() ==> crc32(5)); t(() ==> sqrt("4")); t(() ==> intdiv("5", 2));
  t(() ==> floor("2.5")); t(() ==> htmlspecialchars(5)); t(() ==> Str\repeat('a', 1.0)); t(() ==> Math\sqrt("4"));
  t(() ==> sqrt(4)); t(() ==> pow(2, 0.5)); t(() ==> round(2)); t(() ==> str_pad("a", 3)); t(() ==> abs(-3));
}
