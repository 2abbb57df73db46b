<?hh
// oracle: hand
// A tiny stack VM: one class per opcode, interfaces, abstract base, static registry,
// late static binding, exceptions for faults, a disassembler and a tracer.

interface Describable { public function describe(): string; }
interface Executable { public function exec(Machine $m): void; }

abstract class Op implements Describable, Executable {
  public static int $created = 0;
  protected static dict<string, int> $perKind = dict[];
  public function __construct(public int $arg = 0) {
    self::$created++;
    $k = static::mnemonic();
    static::$perKind[$k] = (static::$perKind[$k] ?? 0) + 1;
  }
  abstract public static function mnemonic(): string;
  public function describe(): string {
    return str_pad(static::mnemonic(), 6) . ($this->hasArg() ? (string)$this->arg : '');
  }
  public function hasArg(): bool { return false; }
  public static function counts(): dict<string, int> { return self::$perKind; }
}

abstract class ArgOp extends Op {
  <<__Override>>
  public function hasArg(): bool { return true; }
}

final class Push extends ArgOp {
  public static function mnemonic(): string { return 'PUSH'; }
  public function exec(Machine $m): void { $m->push($this->arg); }
}
final class Pop extends Op {
  public static function mnemonic(): string { return 'POP'; }
  public function exec(Machine $m): void { $m->pop(); }
}
abstract class BinOp extends Op {
  abstract protected function apply(int $a, int $b): int;
  public function exec(Machine $m): void {
    $b = $m->pop();
    $a = $m->pop();
    $m->push($this->apply($a, $b));
  }
}
final class Add extends BinOp {
  public static function mnemonic(): string { return 'ADD'; }
  protected function apply(int $a, int $b): int { return $a + $b; }
}
final class Sub extends BinOp {
  public static function mnemonic(): string { return 'SUB'; }
  protected function apply(int $a, int $b): int { return $a - $b; }
}
final class Mul extends BinOp {
  public static function mnemonic(): string { return 'MUL'; }
  protected function apply(int $a, int $b): int { return $a * $b; }
}
final class Div extends BinOp {
  public static function mnemonic(): string { return 'DIV'; }
  protected function apply(int $a, int $b): int {
    if ($b === 0) throw new VmFault('division by zero');
    return intdiv($a, $b);
  }
}
final class Mod extends BinOp {
  public static function mnemonic(): string { return 'MOD'; }
  protected function apply(int $a, int $b): int { return $a % $b; }
}
final class Lt extends BinOp {
  public static function mnemonic(): string { return 'LT'; }
  protected function apply(int $a, int $b): int { return $a < $b ? 1 : 0; }
}
final class Dup extends Op {
  public static function mnemonic(): string { return 'DUP'; }
  public function exec(Machine $m): void { $v = $m->pop(); $m->push($v); $m->push($v); }
}
final class Swap extends Op {
  public static function mnemonic(): string { return 'SWAP'; }
  public function exec(Machine $m): void { $b = $m->pop(); $a = $m->pop(); $m->push($b); $m->push($a); }
}
final class Over extends Op {
  public static function mnemonic(): string { return 'OVER'; }
  public function exec(Machine $m): void { $b = $m->pop(); $a = $m->pop(); $m->push($a); $m->push($b); $m->push($a); }
}
final class Jmp extends ArgOp {
  public static function mnemonic(): string { return 'JMP'; }
  public function exec(Machine $m): void { $m->pc = $this->arg; }
}
final class Jz extends ArgOp {
  public static function mnemonic(): string { return 'JZ'; }
  public function exec(Machine $m): void { if ($m->pop() === 0) $m->pc = $this->arg; }
}
final class Load extends ArgOp {
  public static function mnemonic(): string { return 'LOAD'; }
  public function exec(Machine $m): void { $m->push($m->locals[$this->arg] ?? 0); }
}
final class Store extends ArgOp {
  public static function mnemonic(): string { return 'STORE'; }
  public function exec(Machine $m): void { $m->locals[$this->arg] = $m->pop(); }
}
final class Out extends Op {
  public static function mnemonic(): string { return 'OUT'; }
  public function exec(Machine $m): void { $m->output[] = $m->pop(); }
}
final class Halt extends Op {
  public static function mnemonic(): string { return 'HALT'; }
  public function exec(Machine $m): void { $m->halted = true; }
}

class VmFault extends RuntimeException {}
final class StackUnderflow extends VmFault {}

final class Machine {
  public int $pc = 0;
  public bool $halted = false;
  public vec<int> $stack = vec[];
  public dict<int, int> $locals = dict[];
  public vec<int> $output = vec[];
  public int $steps = 0;
  public int $maxDepth = 0;
  public function __construct(private vec<Op> $code, private int $limit = 10000) {}
  public function push(int $v): void {
    $this->stack[] = $v;
    $this->maxDepth = max($this->maxDepth, count($this->stack));
  }
  public function pop(): int {
    $n = count($this->stack);
    if ($n === 0) throw new StackUnderflow("underflow at pc=" . ($this->pc - 1));
    $v = $this->stack[$n - 1];
    $this->stack = Vec\take($this->stack, $n - 1);
    return $v;
  }
  public function run(bool $trace = false): vec<int> {
    while (!$this->halted) {
      if ($this->pc < 0 || $this->pc >= count($this->code)) throw new VmFault("pc out of range: {$this->pc}");
      if (++$this->steps > $this->limit) throw new VmFault("step limit {$this->limit} exceeded");
      $op = $this->code[$this->pc];
      $this->pc++;
      $op->exec($this);
      if ($trace) {
        echo sprintf("  %3d %-10s [%s]\n", $this->pc - 1, $op->describe(), implode(' ', $this->stack));
      }
    }
    return $this->output;
  }
}

function assemble(string $src): vec<Op> {
  $ops = vec[];
  $labels = dict[];
  $lines = Vec\filter(Vec\map(explode("\n", $src), $l ==> trim($l)), $l ==> $l !== '' && $l[0] !== '#');
  // first pass: labels
  $addr = 0;
  foreach ($lines as $l) {
    if (Str\ends_with($l, ':')) { $labels[substr($l, 0, strlen($l) - 1)] = $addr; }
    else { $addr++; }
  }
  foreach ($lines as $l) {
    if (Str\ends_with($l, ':')) continue;
    $parts = explode(' ', $l);
    $name = strtoupper($parts[0]);
    $arg = 0;
    if (count($parts) > 1) {
      $a = $parts[1];
      $arg = is_numeric($a) ? (int)$a : $labels[$a];
    }
    switch ($name) {
      case 'PUSH': $ops[] = new Push($arg); break;
      case 'POP': $ops[] = new Pop(); break;
      case 'ADD': $ops[] = new Add(); break;
      case 'SUB': $ops[] = new Sub(); break;
      case 'MUL': $ops[] = new Mul(); break;
      case 'DIV': $ops[] = new Div(); break;
      case 'MOD': $ops[] = new Mod(); break;
      case 'LT': $ops[] = new Lt(); break;
      case 'DUP': $ops[] = new Dup(); break;
      case 'SWAP': $ops[] = new Swap(); break;
      case 'OVER': $ops[] = new Over(); break;
      case 'JMP': $ops[] = new Jmp($arg); break;
      case 'JZ': $ops[] = new Jz($arg); break;
      case 'LOAD': $ops[] = new Load($arg); break;
      case 'STORE': $ops[] = new Store($arg); break;
      case 'OUT': $ops[] = new Out(); break;
      case 'HALT': $ops[] = new Halt(); break;
      default: throw new InvalidArgumentException("unknown op $name");
    }
  }
  return $ops;
}

function runProgram(string $title, string $src, bool $trace = false, int $limit = 10000): void {
  echo "## $title\n";
  try {
    $code = assemble($src);
    foreach ($code as $i => $op) echo sprintf("%02d: %s\n", $i, $op->describe());
    $m = new Machine($code, $limit);
    try {
      $out = $m->run($trace);
      echo "output: ", implode(',', $out), "\n";
    } finally {
      echo "steps=", $m->steps, " depth=", $m->maxDepth, " stack=[", implode(',', $m->stack), "]\n";
    }
  } catch (StackUnderflow $e) {
    echo "underflow! ", $e->getMessage(), "\n";
  } catch (VmFault $e) {
    echo "fault: ", get_class($e), " ", $e->getMessage(), "\n";
  } catch (Exception $e) {
    echo "error: ", get_class($e), " ", $e->getMessage(), "\n";
  }
}

<<__EntryPoint>>
function main(): void {
  runProgram('arith', "push 6\npush 7\nmul\ndup\nout\npush 5\nsub\nout\nhalt", true);
  runProgram('factorial', <<<EOT
    push 1
    store 0
    push 10
    store 1
loop:
    load 1
    jz end
    load 0
    load 1
    mul
    store 0
    load 1
    push 1
    sub
    store 1
    jmp loop
end:
    load 0
    out
    halt
EOT
  );
  runProgram('fib', <<<EOT
  # print fibonacci numbers below 1000
  push 0
  push 1
top:
  over
  out
  swap
  over
  add
  dup
  push 1000
  lt
  jz done
  jmp top
done:
  halt
EOT
  );
  runProgram('overflow', "push 9223372036854775807\npush 1\nadd\nout\npush 3\npush -2\nmod\nout\npush -7\npush 2\ndiv\nout\nhalt", true);
  runProgram('divzero', "push 1\npush 0\ndiv\nhalt");
  runProgram('underflow', "push 1\nadd\nhalt");
  runProgram('runaway', "l:\njmp l", false, 50);
  runProgram('falloff', "push 1\nout");
  runProgram('badop', "push 1\nfrob\nhalt");
  runProgram('modzero', "push 1\npush 0\nmod\nhalt");
  echo "ops created: ", Op::$created, "\n";
  $c = Op::counts();
  foreach (Dict\sort_by_key($c) as $k => $v) echo "  $k: $v\n";
}
