<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// Custom exception classes: extra properties and methods, constructors
// that call parent::__construct with message/code/previous, deep
// getPrevious() chains, catch by base class, wrapping layer by layer,
// exceptions as ordinary objects (stored in a vec, thrown later).

class AppException extends Exception {
  public function __construct(string $msg, int $code = 0, ?Exception $previous = null, public string $layer = "app") {
    parent::__construct("[" . $layer . "] " . $msg, $code, $previous);
  }
  public function depth(): int {
    $n = 0;
    $p = $this->getPrevious();
    while ($p !== null) { $n++; $p = $p->getPrevious(); }
    return $n;
  }
}

final class DbException extends AppException {
  public function __construct(string $msg, public string $query, ?Exception $previous = null) {
    parent::__construct($msg, 500, $previous, "db");
  }
}

final class ServiceException extends AppException {}

final class ValidationException extends InvalidArgumentException {
  public function __construct(public array $errors) {
    parent::__construct(count($errors) . " validation error(s)", 422);
  }
}

function driver(string $q): void {
  throw new RuntimeException("connection reset", 104);
}

function repository(string $q): void {
  try {
    driver($q);
  } catch (RuntimeException $e) {
    throw new DbException("query failed", $q, $e);
  }
}

function service(): void {
  try {
    repository("SELECT * FROM users");
  } catch (DbException $e) {
    throw new ServiceException("could not load users", 503, $e, "service");
  }
}

function validate(array $form): void {
  $errors = [];
  if (strlen($form['name'] ?? "") < 2) { $errors['name'] = "too short"; }
  if (!Str\contains($form['email'] ?? "", "@")) { $errors['email'] = "missing @"; }
  if (count($errors) > 0) { throw new ValidationException($errors); }
}

function main(): void {
  try {
    service();
  } catch (AppException $e) {
    echo hh_get_class($e), " code=", $e->getCode(), " layer=", $e->layer, " depth=", $e->depth(), "\n";
    $cur = $e;
    $level = 0;
    while ($cur !== null) {
      echo str_repeat("  ", $level), hh_get_class($cur), ": ", $cur->getMessage(), " (", $cur->getCode(), ")";
      if (($cur instanceof DbException)) { echo " query=", $cur->query; }
      echo "\n";
      $cur = $cur->getPrevious();
      $level++;
    }
  }
  foreach ([['name' => 'Al', 'email' => 'al@x.org'], ['name' => 'B'], []] as $form) {
    try {
      validate($form);
      echo "valid\n";
    } catch (ValidationException $e) {
      echo $e->getMessage(), " [", $e->getCode(), "]:";
      foreach ($e->errors as $field => $err) { echo " ", $field, "=", $err; }
      echo "\n";
    }
  }
  $pending = [new ServiceException("a"), new DbException("b", "q1"), new LogicException("c", 7)];
  echo count($pending), " exceptions created, none thrown yet\n";
  foreach ($pending as $ex) {
    try {
      throw $ex;
    } catch (DbException $e) {
      echo "db: ", $e->getMessage(), " ", $e->query, " same object: ", $e === $ex ? "yes" : "no", "\n";
    } catch (AppException $e) {
      echo "app: ", $e->getMessage(), " code ", $e->getCode(), " prev ", $e->getPrevious() === null ? "null" : "set", "\n";
    } catch (Exception|DivisionByZeroError $e) {
      echo "other: ", hh_get_class($e), " ", $e->getMessage(), " ", $e->getCode(), "\n";
    }
  }
  $e = new AppException("plain");
  echo $e->getMessage(), " ", $e->getCode(), " ", $e->layer, " ", $e instanceof Exception ? "is Exception" : "?", "\n";
}

main();
