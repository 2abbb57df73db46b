<?hh
// oracle: hand
// A document editor with undo/redo snapshots: value semantics of nested containers held in
// properties, self-insertion ($a[] = $a), iterating a property while mutating it, nested foreach
// over one container, static registries in a class hierarchy with redeclared statics.

abstract class Command {
  public static vec<string> $journal = vec[];
  public static int $count = 0;
  abstract public function apply(dict<string, mixed> $doc): dict<string, mixed>;
  abstract public function label(): string;
  public function record(): void {
    static::$count++;
    self::$journal[] = static::class . ':' . $this->label();
  }
}
final class SetField extends Command {
  public static int $count = 0; // redeclared: separate counter
  public function __construct(private string $path, private mixed $value) {}
  public function apply(dict<string, mixed> $doc): dict<string, mixed> {
    $parts = explode('.', $this->path);
    if (count($parts) === 1) { $doc[$parts[0]] = $this->value; return $doc; }
    $inner = $doc[$parts[0]] ?? dict[];
    $inner[$parts[1]] = $this->value;
    $doc[$parts[0]] = $inner;
    return $doc;
  }
  public function label(): string { return "set {$this->path}"; }
}
final class AppendLine extends Command {
  public function __construct(private string $line) {}
  public function apply(dict<string, mixed> $doc): dict<string, mixed> {
    $lines = $doc['lines'] ?? vec[];
    $lines[] = $this->line;
    $doc['lines'] = $lines;
    return $doc;
  }
  public function label(): string { return "append '{$this->line}'"; }
}
final class DeleteLine extends Command {
  public function __construct(private int $idx) {}
  public function apply(dict<string, mixed> $doc): dict<string, mixed> {
    $lines = $doc['lines'] as vec<_>;
    if ($this->idx >= count($lines)) throw new BadLineException("no line {$this->idx}");
    $doc['lines'] = Vec\concat(Vec\take($lines, $this->idx), Vec\drop($lines, $this->idx + 1));
    return $doc;
  }
  public function label(): string { return "delete {$this->idx}"; }
}
class BadLineException extends LogicException {}

final class Editor {
  public dict<string, mixed> $doc = dict['title' => 'untitled', 'lines' => vec[], 'meta' => dict['rev' => 0]];
  private vec<dict<string, mixed>> $undo = vec[];
  private vec<dict<string, mixed>> $redo = vec[];
  public function run(Command $c): bool {
    $before = $this->doc;
    try {
      $this->doc = $c->apply($this->doc);
      $this->doc['meta']['rev'] = ($this->doc['meta']['rev'] as int) + 1;
    } catch (LogicException $e) {
      echo "  ! ", $c->label(), " failed: ", $e->getMessage(), "\n";
      $this->doc = $before;
      return false;
    }
    $this->undo[] = $before;
    $this->redo = vec[];
    $c->record();
    return true;
  }
  public function undo(): bool {
    if (C\is_empty($this->undo)) return false;
    $this->redo[] = $this->doc;
    $this->doc = $this->undo[count($this->undo) - 1];
    $this->undo = Vec\take($this->undo, count($this->undo) - 1);
    return true;
  }
  public function redo(): bool {
    if (C\is_empty($this->redo)) return false;
    $this->undo[] = $this->doc;
    $this->doc = $this->redo[count($this->redo) - 1];
    $this->redo = Vec\take($this->redo, count($this->redo) - 1);
    return true;
  }
  public function show(): string {
    return json_encode($this->doc) . ' undo=' . count($this->undo) . ' redo=' . count($this->redo);
  }
  public function uppercaseAll(): void {
    // iterate the property while writing to it
    foreach ($this->doc['lines'] as $i => $l) {
      $this->doc['lines'][$i] = strtoupper($l as string);
      if ($i === 0) $this->doc['lines'][] = 'added-during-loop';
    }
  }
}

<<__EntryPoint>>
function main(): void {
  $e = new Editor();
  $cmds = vec[
    new SetField('title', 'Notes'), new AppendLine('first'), new AppendLine('second'),
    new SetField('meta.author', 'kim'), new AppendLine('third'), new DeleteLine(1), new DeleteLine(7),
    new SetField('meta.tags', vec['a', 'b']),
  ];
  foreach ($cmds as $c) { $e->run($c); echo "  ", $e->show(), "\n"; }
  echo "undo x3\n";
  for ($i = 0; $i < 3; $i++) { $e->undo(); echo "  ", $e->show(), "\n"; }
  echo "redo x1\n";
  $e->redo(); echo "  ", $e->show(), "\n";
  echo "new command clears redo\n";
  $e->run(new AppendLine('fourth')); echo "  ", $e->show(), "\n";
  echo "redo possible: ", $e->redo() ? 'yes' : 'no', "\n";
  while ($e->undo()) {}
  echo "fully undone: ", $e->show(), "\n";
  while ($e->redo()) {}
  echo "fully redone: ", $e->show(), "\n";
  $e->uppercaseAll();
  echo "upper: ", json_encode($e->doc['lines']), "\n";

  echo "journal:\n";
  foreach (Command::$journal as $j) echo "  $j\n";
  echo "counts: Command=", Command::$count, " SetField=", SetField::$count, " AppendLine=", AppendLine::$count, "\n";

  // self-insertion and aliasing of values
  $a = vec[1, 2];
  $a[] = $a;
  $a[] = $a;
  echo "self: ", json_encode($a), " count=", count($a), "\n";
  $d = dict['k' => vec[1]];
  $d['copy'] = $d;
  $d['k'][] = 2;
  echo "dict self: ", json_encode($d), "\n";
  $m = vec[vec[1, 2], vec[3, 4]];
  $pairs = vec[];
  foreach ($m as $i => $row) {
    foreach ($m as $j => $row2) {
      $pairs[] = "$i$j:" . ($row[0] * $row2[1]);
      if ($i === 0 && $j === 0) $m[1][0] = 30; // modifies $m, not the iterated copies
    }
  }
  echo "nested: ", implode(' ', $pairs), " m=", json_encode($m), "\n";
  $x = vec[dict['n' => 1]];
  $y = $x;
  $y[0]['m'] = 5;
  echo "cow: x=", json_encode($x), " y=", json_encode($y), "\n";
}
