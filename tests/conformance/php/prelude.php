<?php
// PHP 8.2 stand-ins for the Hack built-ins and HSL functions that the
// conformance programs use.  Each translation php/NAME.php does
//   require_once __DIR__ . '/prelude.php';
// The HSL functions follow hhvm/hsl's own definitions (src/{c,vec,dict,keyset,str,math}).
// Keysets are modelled as PHP arrays whose keys equal their values.
// Any PHP warning/notice aborts the run (exit 99) so that a translation bug
// can never silently produce a wrong .out file.
declare(strict_types=1);

namespace {
  error_reporting(E_ALL);
  set_error_handler(function (int $no, string $str, string $file, int $line): bool {
    fwrite(STDERR, "PHP-TRANSLATION-WARNING: $str at $file:$line\n");
    exit(99);
  });
  // HHVM class names for the few PHP classes whose names differ.
  function hh_class_name(string $c): string {
    return match ($c) {
      'DivisionByZeroError' => 'DivisionByZeroException',
      default => $c,
    };
  }
  function hh_get_class(object $o): string { return hh_class_name(get_class($o)); }
  // jsvm's uncaught-exception format (LANGUAGE.md): first stderr line, status 255.
  set_exception_handler(function (\Throwable $e): void {
    fwrite(STDERR, "Fatal error: Uncaught " . hh_class_name(get_class($e)) . ": " . $e->getMessage() . "\n");
    exit(255);
  });

  class InvariantException extends \Exception {}
  function invariant($cond, string $fmt, ...$args): void {
    if (!$cond) { throw new InvariantException(vsprintf($fmt, $args)); }
  }
  function idx(array $c, $k, $default = null) {
    return array_key_exists($k, $c) ? $c[$k] : $default;
  }
  // HHVM's htmlspecialchars defaults to ENT_COMPAT (PHP 8.1+ defaults to ENT_QUOTES|ENT_SUBSTITUTE).
  function hh_htmlspecialchars(string $s): string { return htmlspecialchars($s, ENT_COMPAT | ENT_HTML401); }
  // `is vec<_>` / `is dict<_, _>`: PHP cannot tell them apart; only valid where
  // the translation's dicts never have list-shaped keys (checked per test).
  function hh_is_vec($x): bool { return is_array($x) && array_is_list($x); }
  function hh_is_dict($x): bool { return is_array($x) && !array_is_list($x); }
  // keyset[...] literal: keys equal values.
  function hh_keyset(array $vals): array { $r = []; foreach ($vals as $v) { $r[$v] = $v; } return $r; }
}

namespace C {
  function count(array $c): int { return \count($c); }
  function contains(array $t, $value): bool {
    foreach ($t as $v) { if ($v === $value) return true; }
    return false;
  }
  function contains_key(array $c, $key): bool { return \array_key_exists($key, $c); }
  function is_empty(array $c): bool { return !$c; }
  function first(array $t) { foreach ($t as $v) { return $v; } return null; }
  function last(array $t) { if (!$t) return null; return $t[\array_key_last($t)]; }
  function find(array $t, callable $p) { foreach ($t as $v) { if ($p($v)) return $v; } return null; }
  function reduce(array $t, callable $acc, $initial) { $r = $initial; foreach ($t as $v) { $r = $acc($r, $v); } return $r; }
  function any(array $t, ?callable $p = null): bool { $p ??= fn($x) => (bool)$x; foreach ($t as $v) { if ($p($v)) return true; } return false; }
  function every(array $t, ?callable $p = null): bool { $p ??= fn($x) => (bool)$x; foreach ($t as $v) { if (!$p($v)) return false; } return true; }
}

namespace Vec {
  function map(array $t, callable $f): array { $r = []; foreach ($t as $v) { $r[] = $f($v); } return $r; }
  function filter(array $t, ?callable $p = null): array { $p ??= fn($x) => (bool)$x; $r = []; foreach ($t as $v) { if ($p($v)) $r[] = $v; } return $r; }
  function keys(array $t): array { $r = []; foreach ($t as $k => $_) { $r[] = $k; } return $r; }
  function range($start, $end, $step = null): array {
    $step ??= 1;
    if ($step <= 0) throw new \InvariantException('Expected positive step.');
    if ($step > \abs($end - $start)) return [$start];
    return \range($start, $end, $step);
  }
  function sort(array $t, ?callable $cmp = null): array { $v = \array_values($t); if ($cmp) { \usort($v, $cmp); } else { \sort($v); } return $v; }
  function sort_by(array $t, callable $f, ?callable $cmp = null): array {
    $vec = \array_values($t); $order = [];
    foreach ($vec as $k => $v) { $order[$k] = $f($v); }
    if ($cmp) { \uasort($order, $cmp); } else { \asort($order); }
    $r = []; foreach ($order as $k => $_) { $r[] = $vec[$k]; } return $r;
  }
  function reverse(array $t): array { return \array_reverse(\array_values($t)); }
  function slice(array $c, int $offset, ?int $length = null): array { return \array_values(\array_slice(\array_values($c), $offset, $length)); }
  function concat(array $first, array ...$rest): array { $r = \array_values($first); foreach ($rest as $t) { foreach ($t as $v) { $r[] = $v; } } return $r; }
  function take(array $t, int $n): array { $r = []; if ($n === 0) return $r; foreach ($t as $v) { $r[] = $v; if (\count($r) === $n) break; } return $r; }
  function drop(array $t, int $n): array { $r = []; $i = -1; foreach ($t as $v) { $i++; if ($i < $n) continue; $r[] = $v; } return $r; }
  function unique(array $t): array { $seen = []; foreach ($t as $v) { if (!\array_key_exists($v, $seen)) $seen[$v] = $v; } return \array_values($seen); }
  function zip(array $a, array $b): array { $a = \array_values($a); $b = \array_values($b); $n = \min(\count($a), \count($b)); $r = []; for ($i = 0; $i < $n; $i++) { $r[] = [$a[$i], $b[$i]]; } return $r; }
  function fill(int $size, $value): array { $r = []; for ($i = 0; $i < $size; $i++) { $r[] = $value; } return $r; }
  function flatten(array $ts): array { $r = []; foreach ($ts as $t) { foreach ($t as $v) { $r[] = $v; } } return $r; }
}

namespace Dict {
  function map(array $t, callable $f): array { $r = []; foreach ($t as $k => $v) { $r[$k] = $f($v); } return $r; }
  function filter(array $t, ?callable $p = null): array { $p ??= fn($x) => (bool)$x; $r = []; foreach ($t as $k => $v) { if ($p($v)) $r[$k] = $v; } return $r; }
  function from_keys(array $keys, callable $f): array { $r = []; foreach ($keys as $k) { $r[$k] = $f($k); } return $r; }
  function merge(array $first, array ...$rest): array { $r = $first; foreach ($rest as $t) { foreach ($t as $k => $v) { $r[$k] = $v; } } return $r; }
  function sort(array $t, ?callable $cmp = null): array { if ($cmp) { \uasort($t, $cmp); } else { \asort($t); } return $t; }
  function sort_by_key(array $t, ?callable $cmp = null): array { if ($cmp) { \uksort($t, $cmp); } else { \ksort($t); } return $t; }
  function count_values(array $t): array { $r = []; foreach ($t as $v) { $r[$v] = ($r[$v] ?? 0) + 1; } return $r; }
  function flip(array $t): array { $r = []; foreach ($t as $k => $v) { $r[$v] = $k; } return $r; }
  function fill_keys(array $keys, $value): array { $r = []; foreach ($keys as $k) { $r[$k] = $value; } return $r; }
  function group_by(array $values, callable $f): array { $r = []; foreach ($values as $v) { $k = $f($v); if ($k === null) continue; $r[$k] ??= []; $r[$k][] = $v; } return $r; }
  function from_entries(array $entries): array { $r = []; foreach ($entries as [$k, $v]) { $r[$k] = $v; } return $r; }
}

namespace Keyset {
  function map(array $t, callable $f): array { $r = []; foreach ($t as $v) { $x = $f($v); $r[$x] = $x; } return $r; }
  function filter(array $t, ?callable $p = null): array { $p ??= fn($x) => (bool)$x; $r = []; foreach ($t as $v) { if ($p($v)) $r[$v] = $v; } return $r; }
  function union(array $first, array ...$rest): array { $r = []; foreach ($first as $v) { $r[$v] = $v; } foreach ($rest as $t) { foreach ($t as $v) { $r[$v] = $v; } } return $r; }
  function intersect(array $first, array $second, array ...$rest): array {
    if (!$first || !$second) return [];
    $inter = []; foreach ($first as $v) { $inter[$v] = $v; }
    $rest[] = $second;
    foreach ($rest as $t) {
      $keyed = []; foreach ($t as $v) { $keyed[$v] = $v; }
      $next = []; foreach ($inter as $v) { if (\array_key_exists($v, $keyed)) $next[$v] = $v; }
      if (!$next) return [];
      $inter = $next;
    }
    return $inter;
  }
  function diff(array $first, array $second, array ...$rest): array {
    $r = []; foreach ($first as $v) { $r[$v] = $v; }
    foreach ($second as $v) { unset($r[$v]); }
    foreach ($rest as $t) { foreach ($t as $v) { unset($r[$v]); } }
    return $r;
  }
}

namespace Str {
  function length(string $s): int { return \strlen($s); }
  function join(array $pieces, string $glue): string { $out = ''; $first = true; foreach ($pieces as $p) { if ($first) { $out = (string)$p; $first = false; } else { $out .= $glue . (string)$p; } } return $out; }
  function split(string $s, string $delim, ?int $limit = null): array { return $limit === null ? \explode($delim, $s) : \explode($delim, $s, $limit); }
  function format(string $fmt, ...$args): string { return \vsprintf($fmt, $args); }
  function search(string $h, string $n, int $offset = 0): ?int { $p = \strpos($h, $n, $offset); return $p === false ? null : $p; }
  function contains(string $h, string $n, int $offset = 0): bool { if ($n === '') return true; return search($h, $n, $offset) !== null; }
  function starts_with(string $s, string $p): bool { return \str_starts_with($s, $p); }
  function ends_with(string $s, string $p): bool { return \str_ends_with($s, $p); }
  function slice(string $s, int $offset, ?int $length = null): string { return \substr($s, $offset, $length ?? \PHP_INT_MAX); }
  function repeat(string $s, int $n): string { return \str_repeat($s, $n); }
  function replace(string $h, string $n, string $r): string { return \str_replace($n, $r, $h); }
  function trim(string $s, ?string $mask = null): string { return $mask === null ? \trim($s) : \trim($s, $mask); }
  function to_int(string $s): ?int { if ((string)(int)$s === $s) return (int)$s; return null; }
  function uppercase(string $s): string { return \strtoupper($s); }
  function lowercase(string $s): string { return \strtolower($s); }
  function pad_left(string $s, int $len, string $pad = ' '): string { return \str_pad($s, $len, $pad, \STR_PAD_LEFT); }
  function pad_right(string $s, int $len, string $pad = ' '): string { return \str_pad($s, $len, $pad, \STR_PAD_RIGHT); }
}

namespace Math {
  function sum(array $t): int { $r = 0; foreach ($t as $v) { $r += (int)$v; } return $r; }
  function max(array $t) { $m = null; foreach ($t as $v) { if ($m === null || $v > $m) $m = $v; } return $m; }
  function min(array $t) { $m = null; foreach ($t as $v) { if ($m === null || $v < $m) $m = $v; } return $m; }
  function abs(int|float $n): int|float { return $n < 0 ? -$n : $n; }
  function floor(int|float $n): float { return \floor($n); }
  function ceil(int|float $n): float { return \ceil($n); }
  function round(int|float $n, int $precision = 0): float { return \round($n, $precision); }
  function int_div(int $a, int $b): int { if ($b === 0) throw new \DivisionByZeroError(''); return \intdiv($a, $b); }
  function sqrt(int|float $n): float { return \sqrt($n); }
}

namespace {
  // Hack's `%` by zero throws DivisionByZeroException("Division by zero");
  // PHP says "Modulo by zero".  Translations use hh_mod() where it matters.
  function hh_mod(int $a, int $b): int {
    if ($b === 0) throw new \DivisionByZeroError('Division by zero');
    return $a % $b;
  }
}
