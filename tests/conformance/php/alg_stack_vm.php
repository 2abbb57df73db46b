<?php
declare(strict_types=1);
require_once __DIR__ . '/prelude_hack.php';
// A small stack machine: an assembler (labels, comments) and an interpreter
// with arithmetic, comparisons, jumps, calls/returns, locals and a step limit.

final class Op {
  const PUSH = 'push';
  const POP = 'pop';
  const DUP = 'dup';
  const SWAP = 'swap';
  const ADD = 'add';
  const SUB = 'sub';
  const MUL = 'mul';
  const DIV = 'div';
  const MOD = 'mod';
  const LT = 'lt';
  const EQ = 'eq';
  const JMP = 'jmp';
  const JZ = 'jz';
  const LOAD = 'load';
  const STORE = 'store';
  const CALL = 'call';
  const RET = 'ret';
  const PRINT = 'print';
  const HALT = 'halt';
  public static function getValues(): array { return ['PUSH' => 'push', 'POP' => 'pop', 'DUP' => 'dup', 'SWAP' => 'swap', 'ADD' => 'add', 'SUB' => 'sub', 'MUL' => 'mul', 'DIV' => 'div', 'MOD' => 'mod', 'LT' => 'lt', 'EQ' => 'eq', 'JMP' => 'jmp', 'JZ' => 'jz', 'LOAD' => 'load', 'STORE' => 'store', 'CALL' => 'call', 'RET' => 'ret', 'PRINT' => 'print', 'HALT' => 'halt']; }
  public static function getNames(): array { return \Dict\flip(self::getValues()); }
}

class VMError extends Exception {}

final class Instr {
  public function __construct(public string $op, public int $arg = 0) {}
}

function assemble(string $src): array {
  $labels = [];
  $lines = [];
  foreach (explode("\n", $src) as $raw) {
    $hash = strpos($raw, '#');
    $line = trim($hash === false ? $raw : substr($raw, 0, $hash));
    if ($line === '') { continue; }
    if (Str\ends_with($line, ':')) {
      $labels[substr($line, 0, strlen($line) - 1)] = count($lines);
      continue;
    }
    $lines[] = $line;
  }
  $prog = [];
  foreach ($lines as $pc => $line) {
    $parts = explode(' ', $line);
    $name = $parts[0];
    if (!C\contains(Op::getValues(), $name)) {
      throw new VMError("unknown opcode '" . $name . "' at " . $pc);
    }
    $arg = 0;
    if (count($parts) > 1) {
      $a = $parts[1];
      $arg = isset($labels[$a]) ? $labels[$a] : (int)$a;
    }
    $prog[] = new Instr($name, $arg);
  }
  return $prog;
}

function run(array $prog, int $maxSteps): array {
  $stack = [];
  $calls = [];
  $mem = [];
  $out = [];
  $pc = 0;
  $steps = 0;
  while ($pc < count($prog)) {
    if (++$steps > $maxSteps) { throw new VMError("step limit exceeded at pc " . $pc); }
    $ins = $prog[$pc];
    $pc++;
    switch ($ins->op) {
      case Op::PUSH: $stack[] = $ins->arg; break;
      case Op::POP: $stack = Vec\take($stack, count($stack) - 1); break;
      case Op::DUP: $stack[] = C\last($stack); break;
      case Op::SWAP:
        $n = count($stack);
        $t = $stack[$n - 1];
        $stack[$n - 1] = $stack[$n - 2];
        $stack[$n - 2] = $t;
        break;
      case Op::JMP: $pc = $ins->arg; break;
      case Op::JZ:
        $top = C\last($stack);
        $stack = Vec\take($stack, count($stack) - 1);
        if ($top === 0) { $pc = $ins->arg; }
        break;
      case Op::LOAD: $stack[] = $mem[$ins->arg] ?? 0; break;
      case Op::STORE:
        $mem[$ins->arg] = C\last($stack);
        $stack = Vec\take($stack, count($stack) - 1);
        break;
      case Op::CALL: $calls[] = $pc; $pc = $ins->arg; break;
      case Op::RET:
        if (count($calls) === 0) { throw new VMError("ret with empty call stack"); }
        $pc = C\last($calls);
        $calls = Vec\take($calls, count($calls) - 1);
        break;
      case Op::PRINT: $out[] = C\last($stack); break;
      case Op::HALT: return $out;
      default:
        $n = count($stack);
        if ($n < 2) { throw new VMError("stack underflow in " . $ins->op); }
        $b = $stack[$n - 1];
        $a = $stack[$n - 2];
        $stack = Vec\take($stack, $n - 2);
        switch ($ins->op) {
          case Op::ADD: $stack[] = $a + $b; break;
          case Op::SUB: $stack[] = $a - $b; break;
          case Op::MUL: $stack[] = $a * $b; break;
          case Op::DIV: $stack[] = intdiv($a, $b); break;
          case Op::MOD: $stack[] = $a % $b; break;
          case Op::LT: $stack[] = $a < $b ? 1 : 0; break;
          case Op::EQ: $stack[] = $a === $b ? 1 : 0; break;
        }
    }
  }
  return $out;
}

function main(): void {
  $factorials = implode("\n", [
    "push 1", "store 0      # i = 1", "push 1", "store 1      # acc = 1",
    "loop:", "load 1", "load 0", "mul", "dup", "print", "store 1",
    "load 0", "push 1", "add", "dup", "store 0", "push 11", "lt", "jz end", "jmp loop",
    "end:", "  halt",
  ]);
  echo implode(" ", run(assemble($factorials), 1000)), "\n";
  $gcd = implode("\n", [
    "push 1071", "push 462", "call gcd", "print", "halt",
    "gcd:         # (a b -- gcd)", "dup", "jz done", "dup", "store 5", "mod", "load 5", "swap", "jmp gcd",
    "done:", "pop", "ret",
  ]);
  echo implode(" ", run(assemble($gcd), 1000)), "\n";
  $programs = [
    'forever' => "top:\n push 1\n jmp top",
    'underflow' => "push 1\n add",
    'divzero' => "push 1\n push 0\n div",
    'badop' => "push 1\n frobnicate",
    'badret' => "ret",
  ];
  foreach ($programs as $name => $src) {
    try {
      run(assemble($src), 50);
      echo $name, ": ok\n";
    } catch (VMError $e) {
      echo $name, ": VMError: ", $e->getMessage(), "\n";
    } catch (DivisionByZeroError $e) {
      echo $name, ": division by zero\n";
    }
  }
}

main();
