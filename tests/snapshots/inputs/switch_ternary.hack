<?hh
function classify(num $x): string {
  switch (true) {
    case $x < 0:
      return "negative";
    case $x == 0:
      return "zero";
    default:
      return $x > 100 ? "big" : "small";
  }
}
<<__EntryPoint>>
function main(): void {
  $name = null;
  echo classify(-1), classify(0), classify(5.5), ($name ?? "anon"), "\n";
}
