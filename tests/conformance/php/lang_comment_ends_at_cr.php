<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude.php';
// Expected output from PHP 8.2 (lang_comment_ends_at_cr.php, CR bytes kept); hackc's lexer.rs: new-line is CR, LF or CR LF, and a // or # comment ends at it

function main(): void {
  $x = 1; // a comment ended by a lone CR  $x = 2;
  echo $x, "\n";
  $y = 'a'; # hash comment ended by a lone CR  $y .= 'b';
  echo $y, "\n";
  $z = 10; // CR then more code  $z += 5; // and another  $z *= 2;
  echo $z, "\n";
  $s = "instring";
  echo strlen($s), "\n";
  /* block comment */ echo "after block\n";
}

main();
