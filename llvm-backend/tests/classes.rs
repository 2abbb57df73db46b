//! What lowering knows of a program's classes (`lower::Classes`): instance sets, property slots
//! and write masks, and the methods a receiver's class fixes.

mod common;

use jsvm_llvm::lower::Classes;

const SRC: &str = r#"<?hh
interface Named { public function name(): string; }
abstract class Shape implements Named {
  public int $a = 1;
  abstract public function area(): int;
  public function name(): string { return "shape"; }
  public function twice(): int { return 2 * $this->area(); }
}
class Sq extends Shape {
  public int $b = 2;
  public function area(): int { return 1; }
}
class Rect extends Shape {
  public int $a = 5;
  public function area(): int { return 2; }
  public function name(): string { return "rect"; }
}
final class Unit extends Sq {}
<<__EntryPoint>> function main(): void {}
"#;

fn id(m: &jsvm_ir::Module, name: &str) -> u32 {
    m.classes
        .iter()
        .position(|c| &*c.name == name)
        .unwrap_or_else(|| panic!("no class {name}")) as u32
}

fn func(m: &jsvm_ir::Module, name: &str) -> u32 {
    m.func_by_name(name)
        .unwrap_or_else(|| panic!("no {name}"))
        .0
}

#[test]
fn a_method_is_fixed_when_every_concrete_class_below_has_the_same() {
    let m = common::compile(SRC);
    let c = Classes::of(&m);
    let (shape, sq, named) = (id(&m, "Shape"), id(&m, "Sq"), id(&m, "Named"));
    // Shape::twice everywhere; Shape::name overridden by Rect; area differs per class.
    assert_eq!(
        c.unique_method(shape, "twice"),
        Some(func(&m, "Shape::twice"))
    );
    assert_eq!(c.unique_method(shape, "name"), None);
    assert_eq!(c.unique_method(shape, "area"), None);
    // Sq and its final subclass Unit share Sq::area; the abstract Shape has no instances.
    assert_eq!(c.unique_method(sq, "area"), Some(func(&m, "Sq::area")));
    assert_eq!(c.unique_method(named, "name"), None);
    assert_eq!(c.unique_method(sq, "nonesuch"), None);
}

#[test]
fn instance_sets_and_property_slots_follow_the_hierarchy() {
    let m = common::compile(SRC);
    let c = Classes::of(&m);
    let (shape, sq, rect, unit) = (
        id(&m, "Shape"),
        id(&m, "Sq"),
        id(&m, "Rect"),
        id(&m, "Unit"),
    );
    let bit = |k: u32| 1u64 << k;
    let shapes = c.instances_of(shape, false).unwrap();
    assert_eq!(shapes, bit(shape) | bit(sq) | bit(rect) | bit(unit));
    assert_eq!(c.instances_of(sq, false), Some(bit(sq) | bit(unit)));
    assert_eq!(c.instances_of(sq, true), Some(bit(sq)));
    // `a` keeps Shape's slot in every subclass, Rect's redeclaration (a new default; the type
    // must stay the same) included, so a write through Shape has one write mask.
    let a = c.prop(shape, "a").unwrap();
    assert_eq!(c.prop(rect, "a").unwrap().slot, a.slot);
    assert_eq!(c.prop(unit, "a").unwrap().slot, a.slot);
    assert!(a.write_mask.is_some());
    assert_eq!(c.prop(sq, "a").unwrap().write_mask, a.write_mask);
    assert_eq!(
        c.prop(unit, "b").unwrap().slot,
        c.prop(sq, "b").unwrap().slot
    );
    assert_eq!(c.prop(shape, "b"), None);
}
