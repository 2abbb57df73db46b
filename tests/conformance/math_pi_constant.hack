<?hh
// oracle: hand
// HHVM defines M_PI as the 14-digit literal `const float M_PI = 3.1415926535898;` and pi()
// returns M_PI (hphp/runtime/ext/std/ext_std_math.php; older versions: k_M_PI = 3.1415926535898
// in ext_std_math.cpp), not C's M_PI (3.141592653589793) as PHP does. Visible in var_dump, in
// ===, and in anything that amplifies the difference (sin(M_PI), M_PI - 3.141592653589793).
// Expected values computed with Python's float arithmetic on 3.1415926535898, printed with
// %.14G as HHVM's var_dump prints floats.

<<__EntryPoint>>
function main(): void {
  var_dump(M_PI);
  var_dump(pi());
  var_dump(M_PI === 3.1415926535898);
  var_dump(M_PI === 3.141592653589793);
  var_dump(M_PI - 3.141592653589793);
  var_dump(sin(M_PI));
  var_dump(M_PI * 1e13);
  var_dump(M_PI / 4);
  echo M_PI, " ", sin(M_PI), " ", 2 * M_PI, "\n";
}
