// ++ and -- on every scalar type, in locals, container elements, properties and static
// properties: null++ is 1 and null-- stays null, bools stay, strings step Perl-style.
<<__EntryPoint>>
function main(): void {
  $x = null; $x--; var_dump($x);
  $x = null; --$x; var_dump($x);
  $x = null; $x++; var_dump($x);
  $s = 'a'; $s++; var_dump($s);
  $s = 'Az'; ++$s; var_dump($s);
  $s = 'zz'; $s++; var_dump($s);
  $s = 'a9'; $s++; var_dump($s);
  $s = 'abc'; $s--; var_dump($s);
  $s = '5'; $s++; var_dump($s);
  $s = '5.5'; $s--; var_dump($s);
  $s = ''; $s++; var_dump($s);
  $s = ''; $s--; var_dump($s);
  $b = true; $b++; var_dump($b);
  $b = false; $b--; var_dump($b);
  $f = 1.5; $f++; var_dump($f);
  $v = vec[1, null, 'x']; $v[0]++; $v[1]--; $v[2]++; var_dump($v[0], $v[1], $v[2]);
  $d = dict['k' => 'Zz']; $d['k']++; var_dump($d['k']);
  $o = new C(); $o->p++; $o->q--; $o->r++; var_dump($o->p, $o->q, $o->r);
  C::$s++; var_dump(C::$s);
  $post = 'y'; $old = $post++; var_dump($old, $post);
  $n = 0; for ($k = 0; $k < 100000; $k++) { $n++; } var_dump($n);
  $m = mixed_id(null); $m++; var_dump($m);
}
function mixed_id(mixed $x): mixed { return $x; }
class C { public mixed $p = null; public mixed $q = 'az'; public mixed $r = '9'; public static mixed $s = 'Zz'; }
