<?hh
// oracle: hand (PHP 8.2 and HHVM end with the same fatal error; PHP adds the file and line).
// == on two distinct objects that each reach themselves: comparing re-enters an object already
// being compared (after the properties before the cycle compared equal), which PHP and HHVM report as a fatal error instead of recursing forever.

class N {
  public int $v = 1;
  public ?N $self = null;
}

<<__EntryPoint>>
function main(): void {
  $a = new N();
  $a->self = $a;
  $b = new N();
  $b->self = $b;
  echo "same: ", $a == $a ? "yes" : "no", "\n";
  $c = new N();
  $c->v = 2;
  $c->self = $c;
  echo "different: ", $a == $c ? "yes" : "no", "\n";
  echo "cyclic:\n";
  echo $a == $b ? "yes" : "no", "\n";
}
