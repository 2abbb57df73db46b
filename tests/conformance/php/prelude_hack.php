<?php
// Extra PHP stand-ins for the Hack-semantics tests (oo_*, arr_*, alg_*, app_*,
// lang_*, exn_*, hsl_*, fmt_*).  Loads the scalar-core prelude.php first.
declare(strict_types=1);
namespace {
  require_once __DIR__ . '/prelude.php';
  // Hack arrays: reading a missing key/index throws OutOfBoundsException
  // (PHP only warns, and the prelude turns warnings into exit 99).
  function hh_at(array $c, int|string $k): mixed {
    if (!array_key_exists($k, $c)) {
      throw new \OutOfBoundsException(is_int($k) ? "Out of bounds: $k" : "Undefined key: $k");
    }
    return $c[$k];
  }
  // `$v[$i] = x` on a vec with $i == count($v) or beyond throws in Hack.
  function hh_vec_set(array &$v, int $i, mixed $x): void {
    if ($i < 0 || $i >= \count($v)) throw new \OutOfBoundsException("Out of bounds: $i");
    $v[$i] = $x;
  }

  // var_dump in HHVM's format.  PHP cannot tell vec/dict/keyset apart: a
  // list-shaped non-empty array is printed as a vec, anything else as a dict,
  // unless $hint ('vec', 'dict', 'keyset') says otherwise for the top level.
  // Objects: only public properties (HHVM: object(C) (N) {...}).
  function hh_var_dump(mixed $x, string $hint = ''): void { echo hh_dump_str($x, 0, $hint); }
  function hh_dump_str(mixed $x, int $ind, string $hint = ''): string {
    $pad = str_repeat(' ', $ind);
    if ($x === null) return $pad . "NULL\n";
    if (is_bool($x)) return $pad . 'bool(' . ($x ? 'true' : 'false') . ")\n";
    if (is_int($x)) return $pad . "int($x)\n";
    if (is_float($x)) { ob_start(); var_dump($x); return $pad . ob_get_clean(); }
    if (is_string($x)) return $pad . 'string(' . strlen($x) . ") \"$x\"\n";
    if (is_array($x)) {
      $kind = $hint !== '' ? $hint : ((count($x) > 0 && array_is_list($x)) ? 'vec' : 'dict');
      $s = $pad . $kind . '(' . count($x) . ") {\n";
      foreach ($x as $k => $v) {
        if ($kind === 'dict') $s .= $pad . '  ' . (is_int($k) ? "[$k]" : "[\"$k\"]") . "=>\n";
        $s .= hh_dump_str($v, $ind + 2);
      }
      return $s . $pad . "}\n";
    }
    if (is_object($x)) {
      $props = get_object_vars($x);
      $s = $pad . 'object(' . hh_class_name(get_class($x)) . ') (' . count($props) . ") {\n";
      foreach ($props as $k => $v) {
        $s .= $pad . "  [\"$k\"]=>\n" . hh_dump_str($v, $ind + 2);
      }
      return $s . $pad . "}\n";
    }
    throw new \Exception('hh_dump_str: unsupported');
  }
}

namespace {
  // A failed `as` throws TypeAssertionException in HHVM.
  class TypeAssertionException extends \Exception {}
}
