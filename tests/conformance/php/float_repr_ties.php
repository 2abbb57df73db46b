<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// var_dump and json_encode print the shortest digits that read back as the float; of two such
// forms equally near it, the even one (PHP's zend_dtoa mode 0, Python's repr).
function main(): void {
  foreach ([1e15 + 0.25, 18046550583510.0625, 23962816214578.8125, 1877283103175088.25,
    0.1, 0.1 + 0.2, 1.0, -2.5, 1e22, 1.7976931348623157e308, 5e-324, 2.0 ** 53 + 2.0] as $f) {
    var_dump($f);
    echo json_encode($f), "\n";
  }
}

main();
