//! The abstract syntax tree of the Hack subset (LANGUAGE.md), as written by the parser.
//!
//! Invariants:
//! - Every node carries the [`Span`] of the source text it came from.
//! - Names are kept as written, with `\` separators (`Vec\map`, `HH\Lib\C\count`),
//!   except that a leading `\` is stripped. Resolving them is the lowering's job.
//! - Variable names are stored without the `$` (`$x` is `Var("x")`); `$this` is
//!   [`ExprKind::This`] and `$$` is [`ExprKind::PipeVar`].
//! - String literals are byte strings: escapes such as `\xff` need not be UTF-8.
//! - Bodies of `if`/`while`/`for`/... are always [`Block`]s: a single statement
//!   body is wrapped in a block with that statement's span.
//! - Constructs that are accepted and ignored (`use namespace`, coeffects,
//!   variance and reification markers) leave no trace.

pub use jsvm_ir::Span;

/// A name as written: a function, class, constant, method, property or type name.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub name: String,
    pub span: Span,
}

/// All top-level declarations of all files of a program, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Program {
    pub decls: Vec<Decl>,
}

/// The top-level declarations of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Index into the `SourceMap`, equal to `span.file`.
    pub file: u32,
    pub decls: Vec<Decl>,
    pub span: Span,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum Decl {
    Function(FunDecl),
    /// A class or an interface.
    Class(ClassDecl),
    Enum(EnumDecl),
    /// `const int LIMIT = 10;` (one per name: `const A = 1, B = 2;` gives two).
    Const(ConstDecl),
}

impl Decl {
    /// The span of the whole declaration.
    pub fn span(&self) -> Span {
        match self {
            Decl::Function(d) => d.span,
            Decl::Class(d) => d.span,
            Decl::Enum(d) => d.span,
            Decl::Const(d) => d.span,
        }
    }
}

/// An attribute `<<Name>>` or `<<Name(args)>>`; unknown ones are kept by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: Name,
    pub args: Vec<Expr>,
    pub span: Span,
}

/// A generic parameter `T` or `T as Bound` (variance and `reify` are dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeParam {
    pub name: Name,
    /// `as` constraints (`super` constraints are parsed and dropped).
    pub bounds: Vec<Hint>,
    pub span: Span,
}

/// A function or method parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The variable name without `$`.
    pub name: Name,
    /// `None` when untyped (taken as `mixed`).
    pub hint: Option<Hint>,
    /// Any expression, evaluated at call time.
    pub default: Option<Expr>,
    /// `...$rest`
    pub variadic: bool,
    /// Constructor promotion: `public function __construct(private int $x)`.
    pub promote: Option<Visibility>,
    pub span: Span,
}

/// A top-level function `function name<T>(params): Ret { body }`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunDecl {
    pub attrs: Vec<Attribute>,
    pub name: Name,
    pub tparams: Vec<TypeParam>,
    pub params: Vec<Param>,
    pub ret: Option<Hint>,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Public,
    Protected,
    Private,
}

impl Visibility {
    /// The keyword (`public`, `protected`, `private`).
    pub fn keyword(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Protected => "protected",
            Visibility::Private => "private",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassKind {
    Class,
    Interface,
}

/// A class or interface declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDecl {
    pub attrs: Vec<Attribute>,
    pub kind: ClassKind,
    pub is_abstract: bool,
    pub is_final: bool,
    pub name: Name,
    pub tparams: Vec<TypeParam>,
    /// A class extends at most one class; an interface may extend several.
    pub extends: Vec<Hint>,
    pub implements: Vec<Hint>,
    pub members: Vec<ClassMember>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClassMember {
    /// One per variable: `public int $a = 1, $b;` gives two.
    Property(PropDecl),
    /// One per name: `const int A = 1, B = 2;` gives two.
    Const(ClassConst),
    Method(MethodDecl),
}

/// A property declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct PropDecl {
    pub visibility: Visibility,
    pub is_static: bool,
    pub hint: Option<Hint>,
    /// Without `$`.
    pub name: Name,
    pub default: Option<Expr>,
    pub span: Span,
}

/// A class constant `const int X = 1;` (or `abstract const int X;`).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassConst {
    pub hint: Option<Hint>,
    pub name: Name,
    /// `None` only for abstract constants.
    pub value: Option<Expr>,
    pub span: Span,
}

/// A method; `body` is `None` for abstract and interface methods.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodDecl {
    pub attrs: Vec<Attribute>,
    pub visibility: Visibility,
    pub is_static: bool,
    pub is_abstract: bool,
    pub is_final: bool,
    pub name: Name,
    pub tparams: Vec<TypeParam>,
    pub params: Vec<Param>,
    pub ret: Option<Hint>,
    pub body: Option<Block>,
    pub span: Span,
}

/// `enum Color: int as int { RED = 1; }`
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDecl {
    pub attrs: Vec<Attribute>,
    pub name: Name,
    pub base: Hint,
    /// The `as T` constraint, if any.
    pub constraint: Option<Hint>,
    pub cases: Vec<EnumCase>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumCase {
    pub name: Name,
    pub value: Expr,
    pub span: Span,
}

/// A top-level constant.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstDecl {
    pub hint: Option<Hint>,
    pub name: Name,
    pub value: Expr,
    pub span: Span,
}

/// A type hint.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub kind: HintKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HintKind {
    Prim(Prim),
    /// `?T`
    Nullable(Box<Hint>),
    /// `vec<T>`
    Vec(Box<Hint>),
    /// `dict<K, V>`
    Dict(Box<Hint>, Box<Hint>),
    /// `keyset<T>`
    Keyset(Box<Hint>),
    /// A class, interface, enum or type-parameter name, with type arguments.
    /// Also any unknown lowercase name, e.g. `vec` written without arguments.
    Named {
        name: Name,
        args: Vec<Hint>,
    },
    /// `(function(T1, T2): R)`; a variadic last parameter `T...` is kept as `T`.
    Fun {
        params: Vec<Hint>,
        ret: Box<Hint>,
    },
    /// `this`
    This,
}

/// Primitive types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prim {
    Int,
    Float,
    Bool,
    String,
    Num,
    ArrayKey,
    Mixed,
    Void,
    Noreturn,
    Null,
    Nonnull,
    Dynamic,
}

impl Prim {
    /// The Hack spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Prim::Int => "int",
            Prim::Float => "float",
            Prim::Bool => "bool",
            Prim::String => "string",
            Prim::Num => "num",
            Prim::ArrayKey => "arraykey",
            Prim::Mixed => "mixed",
            Prim::Void => "void",
            Prim::Noreturn => "noreturn",
            Prim::Null => "null",
            Prim::Nonnull => "nonnull",
            Prim::Dynamic => "dynamic",
        }
    }
}

/// A `{ ... }` block or a single-statement body.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    /// `echo e1, e2;`
    Echo(Vec<Expr>),
    Block(Block),
    /// `elseif`/`else if` chains nest: `else_` is a block holding one `If`.
    If {
        cond: Expr,
        then: Block,
        else_: Option<Block>,
    },
    While {
        cond: Expr,
        body: Block,
    },
    DoWhile {
        body: Block,
        cond: Expr,
    },
    /// Each clause is a comma list and may be empty (an empty `cond` is true).
    For {
        init: Vec<Expr>,
        cond: Vec<Expr>,
        step: Vec<Expr>,
        body: Block,
    },
    /// `key` and `value` are targets: a `Var`, a `List`, an `Index` or a `Prop`.
    Foreach {
        subject: Expr,
        key: Option<Expr>,
        value: Expr,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Switch {
        subject: Expr,
        cases: Vec<SwitchCase>,
    },
    Try {
        body: Block,
        catches: Vec<Catch>,
        finally: Option<Block>,
    },
    Throw(Expr),
    /// `unset($d['k'], $x);`
    Unset(Vec<Expr>),
    /// `;`
    Empty,
}

/// `case e:` (label `Some`) or `default:` (label `None`), with the statements
/// up to the next label; control falls through to the next case.
#[derive(Debug, Clone, PartialEq)]
pub struct SwitchCase {
    pub label: Option<Expr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// `catch (Class $e) { ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Catch {
    pub class: Name,
    /// Without `$`.
    pub var: Name,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// The class part of `C::m()`, `new C`, `C::X`, `C::$p`, `C::class`.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassRef {
    Named(Name),
    Self_,
    Parent,
    Static,
}

/// A call argument; `spread` is `f(...$v)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub value: Expr,
    pub spread: bool,
}

/// One piece of an interpolated string.
#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    Lit(Vec<u8>),
    Expr(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// `-e`
    Neg,
    /// `+e`
    Plus,
    /// `!e`
    Not,
    /// `~e`
    BitNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Concat,
    Shl,
    Shr,
    BitAnd,
    BitOr,
    BitXor,
    /// `&&` (short-circuit)
    And,
    /// `||` (short-circuit)
    Or,
    Eq,
    NotEq,
    Identical,
    NotIdentical,
    Lt,
    Le,
    Gt,
    Ge,
    /// `<=>`
    Cmp,
    /// `??` (short-circuit, does not throw on a missing key)
    Coalesce,
}

impl BinOp {
    /// The Hack spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::Concat => ".",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::And => "&&",
            BinOp::Or => "||",
            BinOp::Eq => "==",
            BinOp::NotEq => "!=",
            BinOp::Identical => "===",
            BinOp::NotIdentical => "!==",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Cmp => "<=>",
            BinOp::Coalesce => "??",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncDec {
    PreInc,
    PreDec,
    PostInc,
    PostDec,
}

/// `(int)`, `(float)`/`(double)`, `(string)`, `(bool)`/`(boolean)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CastKind {
    Int,
    Float,
    String,
    Bool,
}

/// A lambda `$x ==> e`, `(int $x): int ==> { ... }` or `function($x) use ($y) { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Lambda {
    pub params: Vec<Param>,
    pub ret: Option<Hint>,
    pub body: LambdaBody,
    /// `Some` for `function(...) use (...)` closures (the explicit captures,
    /// without `$`); `None` for `==>` lambdas, which capture implicitly.
    pub uses: Option<Vec<Name>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LambdaBody {
    Expr(Expr),
    Block(Block),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// An int literal (one that overflows i64 is a `Float`, as in PHP).
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    /// A string without interpolation.
    Str(Vec<u8>),
    /// A double-quoted or heredoc string with at least one interpolated expression.
    Interp(Vec<StrPart>),
    /// `vec[...]`
    Vec(Vec<Expr>),
    /// `dict[k => v, ...]`
    Dict(Vec<(Expr, Expr)>),
    /// `keyset[...]`
    Keyset(Vec<Expr>),
    /// `$x` (name without `$`).
    Var(String),
    /// `$this`
    This,
    /// `$$` inside the right side of `|>`.
    PipeVar,
    /// A bare name used as a value: a constant such as `PHP_INT_MAX` or `LIMIT`.
    Name(Name),
    /// `C::X`
    ClassConst {
        class: ClassRef,
        name: Name,
    },
    /// `C::class`
    ClassName(ClassRef),
    /// `C::$p` (name without `$`).
    StaticProp {
        class: ClassRef,
        name: Name,
    },
    Unary {
        op: UnOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `target = value` (`op` is `None`) or `target op= value` (`??=` has `Coalesce`).
    Assign {
        op: Option<BinOp>,
        target: Box<Expr>,
        value: Box<Expr>,
    },
    IncDec {
        op: IncDec,
        target: Box<Expr>,
    },
    /// `c ? a : b`, or `c ?: b` with `then` `None`.
    Ternary {
        cond: Box<Expr>,
        then: Option<Box<Expr>>,
        else_: Box<Expr>,
    },
    /// `lhs |> rhs`, where `rhs` mentions `$$`.
    Pipe {
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `base[index]`, or `base[]` (index `None`; only as an assignment target).
    Index {
        base: Box<Expr>,
        index: Option<Box<Expr>>,
    },
    /// `obj->name` or `obj?->name`.
    Prop {
        obj: Box<Expr>,
        name: Name,
        nullsafe: bool,
    },
    /// `f(args)` (callee a `Name`), `$f(args)`, `(expr)(args)`; `targs` from `f<int>(...)`.
    Call {
        callee: Box<Expr>,
        targs: Vec<Hint>,
        args: Vec<Arg>,
    },
    /// `obj->name(args)` or `obj?->name(args)`.
    MethodCall {
        obj: Box<Expr>,
        name: Name,
        args: Vec<Arg>,
        nullsafe: bool,
    },
    /// `C::name(args)`, `parent::name(args)`, ...
    StaticCall {
        class: ClassRef,
        name: Name,
        args: Vec<Arg>,
    },
    /// `new C(args)`, `new C` (no args), `new static()`; type arguments are dropped.
    New {
        class: ClassRef,
        args: Vec<Arg>,
    },
    /// `e is T`
    Is {
        expr: Box<Expr>,
        hint: Hint,
    },
    /// `e as T` or `e ?as T` (`nullable`).
    As {
        expr: Box<Expr>,
        hint: Hint,
        nullable: bool,
    },
    /// `e instanceof C`
    InstanceOf {
        expr: Box<Expr>,
        class: ClassRef,
    },
    Cast {
        kind: CastKind,
        expr: Box<Expr>,
    },
    /// `isset(e1, e2)`
    Isset(Vec<Expr>),
    Lambda(Box<Lambda>),
    /// `list($a, , list($b, $c))`, a destructuring target; `None` skips an element.
    List(Vec<Option<Expr>>),
    /// `exit`, `exit()`, `exit(e)` (also `die`).
    Exit(Option<Box<Expr>>),
    /// `print e` (evaluates to 1).
    Print(Box<Expr>),
}
