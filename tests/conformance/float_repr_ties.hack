// var_dump and json_encode print floats with 14 significant digits, as HHVM's
// VariableSerializer ("float(%.*G)" and "%.*k" with precision 14; PHP 8 prints the shortest
// round-trip digits instead): ties, large, small and subnormal floats.
<<__EntryPoint>>
function main(): void {
  foreach (vec[1e15 + 0.25, 18046550583510.0625, 23962816214578.8125, 1877283103175088.25,
    0.1, 0.1 + 0.2, 1.0, -2.5, 1e22, 1.7976931348623157e308, 5e-324, 2.0 ** 53 + 2.0] as $f) {
    var_dump($f);
    echo json_encode($f), "\n";
  }
}
