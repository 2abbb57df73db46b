//! Parser: tokens to AST, by recursive descent with precedence climbing for expressions.
//!
//! Invariants: never panics and always makes progress; recursion is bounded by
//! [`MAX_DEPTH`] (deeper input gives a `nesting` diagnostic), which also bounds
//! the height of the AST, so recursive walks over it are safe. An error inside
//! a top-level declaration is reported and parsing resumes after that
//! declaration. Precedence follows HHVM's parser (lowest first): `print`;
//! assignments (right); `|>`; `? :` (right); `??` (right); `||`; `&&`; `|`;
//! `^`; `&`; equality; comparison; shifts; `+ - .`; `* / %`; `!`;
//! `instanceof is as ?as`; unary `- + ~`, casts, `++ --`; `**` (right).

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::lexer::{Part, Tok, Token};

/// The deepest nesting of expressions, statements and types the parser accepts.
pub const MAX_DEPTH: u32 = 2000;

/// The most arguments one call may list: the bytecode counts a call's operands in 16 bits, and
/// a method call, a `new` or a static call passes one more (`$this`, the object or the
/// late-static-bound class).
pub const MAX_ARGS: usize = u16::MAX as usize - 1;

/// At most this many diagnostics are reported per file.
const MAX_ERRORS: usize = 20;

type PResult<T> = Result<T, Diagnostic>;

// Binding powers, lowest first.
const P_ASSIGN: u8 = 6;
const P_PIPE: u8 = 7;
const P_TERNARY: u8 = 8;
const P_COALESCE: u8 = 9;
const P_IS: u8 = 20;
const P_UNARY: u8 = 21;
const P_POW: u8 = 22;

/// Parses the tokens of one file.
pub fn parse_tokens(toks: Vec<Token>, file: u32) -> Result<File, Vec<Diagnostic>> {
    let mut p = Parser::new(toks, 0);
    let lo = p.span();
    let mut decls = Vec::new();
    let mut errors = Vec::new();
    while !p.at_eof() && errors.len() < MAX_ERRORS {
        let start = p.pos;
        match p.top_level() {
            Ok(ds) => decls.extend(ds),
            Err(e) => {
                errors.push(e);
                (p.depth, p.peak) = (0, 0);
                p.recover(start);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let span = lo.to(p.span());
    Ok(File {
        file,
        decls,
        span: Span::new(file, 0, span.hi),
    })
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// Current nesting; also an upper bound on the height of the AST above the current node.
    depth: u32,
    /// The deepest `depth` reached since the innermost `expr_bp` began.
    peak: u32,
    /// For each `(`, `[`, `{`: the index of its matching closer (or the Eof).
    closer: Vec<usize>,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Int(_) | Tok::Float(_) => "a number".into(),
        Tok::Str(_) | Tok::Interp(_) => "a string".into(),
        Tok::Var(v) => format!("`${v}`"),
        Tok::PipeVar => "`$$`".into(),
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Punct(p) => format!("`{p}`"),
        Tok::Eof => "end of input".into(),
    }
}

/// Words that cannot be used as constant or function names in expressions.
const RESERVED: &[&str] = &[
    "if",
    "else",
    "elseif",
    "while",
    "do",
    "for",
    "foreach",
    "switch",
    "case",
    "default",
    "break",
    "continue",
    "return",
    "try",
    "catch",
    "finally",
    "throw",
    "echo",
    "function",
    "class",
    "interface",
    "enum",
    "const",
    "abstract",
    "final",
    "public",
    "private",
    "protected",
    "use",
    "namespace",
    "as",
    "is",
    "instanceof",
    "extends",
    "implements",
    "unset",
];

impl Parser {
    fn new(mut toks: Vec<Token>, depth: u32) -> Parser {
        if toks.last().is_none_or(|t| t.tok != Tok::Eof) {
            let span = toks.last().map_or(Span::default(), |t| {
                Span::new(t.span.file, t.span.hi, t.span.hi)
            });
            toks.push(Token {
                tok: Tok::Eof,
                span,
            });
        }
        let eof = toks.len() - 1;
        let mut closer = vec![eof; toks.len()];
        // Openers still open when a closer of their kind comes are left unclosed
        // (they map to the Eof); a closer with no opener of its kind among the
        // 64 innermost is skipped.
        let mut stack: Vec<(usize, &str)> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            match t.tok {
                Tok::Punct("(") => stack.push((i, ")")),
                Tok::Punct("[") => stack.push((i, "]")),
                Tok::Punct("{") => stack.push((i, "}")),
                Tok::Punct(c @ (")" | "]" | "}"))
                    if stack.iter().rev().take(64).any(|&(_, want)| want == c) =>
                {
                    while let Some((o, want)) = stack.pop() {
                        if want == c {
                            closer[o] = i;
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
        Parser {
            toks,
            pos: 0,
            depth,
            peak: depth,
            closer,
        }
    }

    // ---- token helpers ----

    fn tok(&self) -> &Tok {
        &self.toks[self.pos].tok
    }

    fn tok_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }

    fn span(&self) -> Span {
        self.toks[self.pos].span
    }

    /// The span from `lo` to the end of the last consumed token.
    fn since(&self, lo: Span) -> Span {
        let prev = self.toks[self.pos.saturating_sub(1)].span;
        if self.pos == 0 || prev.hi < lo.lo {
            lo
        } else {
            Span::new(lo.file, lo.lo, prev.hi)
        }
    }

    fn at_eof(&self) -> bool {
        *self.tok() == Tok::Eof
    }

    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.tok(), Tok::Punct(q) if *q == p)
    }

    fn is_at(&self, n: usize, p: &str) -> bool {
        matches!(self.tok_at(n), Tok::Punct(q) if *q == p)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Ident(s) if s == kw)
    }

    fn is_kw_at(&self, n: usize, kw: &str) -> bool {
        matches!(self.tok_at(n), Tok::Ident(s) if s == kw)
    }

    fn eat(&mut self, p: &str) -> bool {
        let yes = self.is(p);
        if yes {
            self.bump();
        }
        yes
    }

    fn eat_kw(&mut self, kw: &str) -> bool {
        let yes = self.is_kw(kw);
        if yes {
            self.bump();
        }
        yes
    }

    /// Is the current `>` immediately followed by `next` (so that they form `>>` or `>>=`)?
    fn joined_gt(&self, next: &str) -> bool {
        self.is(">") && self.is_at(1, next) && self.toks[self.pos + 1].span.lo == self.span().hi
    }

    fn err_here(&self, what: &str) -> Diagnostic {
        Diagnostic::error(
            "syntax",
            format!("expected {what}, found {}", describe(self.tok())),
            self.span(),
        )
    }

    fn expect(&mut self, p: &str) -> PResult<Span> {
        if self.is(p) {
            Ok(self.bump().span)
        } else {
            Err(self.err_here(&format!("`{p}`")))
        }
    }

    fn expect_kw(&mut self, kw: &str) -> PResult<Span> {
        if self.is_kw(kw) {
            Ok(self.bump().span)
        } else {
            Err(self.err_here(&format!("`{kw}`")))
        }
    }

    fn name(&mut self, what: &str) -> PResult<Name> {
        match self.tok() {
            Tok::Ident(s) => {
                let name = s.clone();
                let span = self.bump().span;
                Ok(Name { name, span })
            }
            _ => Err(self.err_here(what)),
        }
    }

    fn var_name(&mut self) -> PResult<Name> {
        match self.tok() {
            Tok::Var(s) => {
                let name = s.clone();
                let span = self.bump().span;
                Ok(Name { name, span })
            }
            _ => Err(self.err_here("a variable")),
        }
    }

    /// Enters one nesting level; the caller must call `leave` on success.
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        self.peak = self.peak.max(self.depth);
        if self.depth > MAX_DEPTH {
            // A flat chain (`$a . $b . ...`) has no visible nesting: say what counts (an operator
            // nests its right operand's expression, and the chain grows one level).
            return Err(Diagnostic::error(
                "nesting",
                format!(
                    "nesting too deep: over {MAX_DEPTH} levels (each operator of a chain such as \
                     `$a . $b . ...` counts as two)"
                ),
                self.span(),
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Before building a node over what was parsed since the innermost `expr_bp`
    /// began: moves `depth` above all of it, so that `depth` bounds the AST height
    /// even for long operator and postfix chains.
    fn grow(&mut self) -> PResult<()> {
        self.depth = self.peak;
        self.enter()
    }

    /// Skips past the declaration that started at `start` after an error.
    fn recover(&mut self, start: usize) {
        let mut i = start;
        while i < self.toks.len() - 1 && !matches!(self.toks[i].tok, Tok::Punct("{" | ";")) {
            i += 1;
        }
        let end = if self.toks[i].tok == Tok::Punct("{") {
            self.closer[i]
        } else {
            i
        };
        self.pos = (end + 1).max(self.pos + 1).min(self.toks.len() - 1);
    }

    /// A comma-separated list up to `close` (consumed), trailing comma allowed.
    fn comma_list<T>(
        &mut self,
        close: &str,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        let mut out = Vec::new();
        while !self.is(close) {
            out.push(item(self)?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(close)?;
        Ok(out)
    }

    // ---- declarations ----

    /// `use namespace HH\Lib\{C, Vec};` (or one namespace, with an alias only of its own name):
    /// accepted and ignored, the HSL namespaces being always in scope. Any other `use` (`use
    /// function`, `use type`, `use const`, other namespaces, aliases) is refused: ignored, it
    /// would silently bind names to other declarations than the program means.
    fn use_hsl(&mut self) -> PResult<()> {
        let lo = self.span();
        self.bump();
        let mut text = String::new();
        while !self.is(";") && !self.at_eof() {
            match self.tok() {
                Tok::Ident(s) => text.push_str(s),
                Tok::Punct(p) => text.push_str(p),
                _ => text.push('?'),
            }
            text.push(' ');
            self.bump();
        }
        let hi = self.span();
        if hsl_namespaces_only(&text) {
            self.expect(";")?;
            return Ok(());
        }
        // (Left at the `;`: recovery resumes after it.)
        Err(Diagnostic::error(
            "syntax",
            "only `use namespace HH\\Lib\\...;` is supported (the HSL namespaces are always in scope; the subset has no other namespaces, nor aliases)",
            lo.to(hi),
        ))
    }

    fn top_level(&mut self) -> PResult<Vec<Decl>> {
        if self.eat(";") {
            return Ok(Vec::new());
        }
        if self.is_kw("use") {
            self.use_hsl()?;
            return Ok(Vec::new());
        }
        if self.is_kw("namespace") && self.is_at(1, ";") {
            self.bump();
            self.expect(";")?;
            return Ok(Vec::new());
        }
        let lo = self.span();
        let attrs = self.attributes()?;
        let (mut is_abstract, mut is_final) = (false, false);
        loop {
            if self.eat_kw("abstract") {
                is_abstract = true;
            } else if self.eat_kw("final") {
                is_final = true;
            } else {
                break;
            }
        }
        match self.tok() {
            Tok::Ident(k) if k == "function" => Ok(vec![Decl::Function(self.function(attrs, lo)?)]),
            Tok::Ident(k) if k == "class" || k == "interface" => Ok(vec![Decl::Class(
                self.class(attrs, is_abstract, is_final, lo)?,
            )]),
            Tok::Ident(k) if k == "enum" => Ok(vec![Decl::Enum(self.enum_decl(attrs, lo)?)]),
            Tok::Ident(k) if k == "const" => {
                self.bump();
                let hint = self.const_hint()?;
                let mut decls = Vec::new();
                loop {
                    let c_lo = self.span();
                    let name = self.name("a constant name")?;
                    self.expect("=")?;
                    let value = self.expr()?;
                    decls.push(Decl::Const(ConstDecl {
                        hint: hint.clone(),
                        name,
                        value,
                        span: self.since(c_lo),
                    }));
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect(";")?;
                Ok(decls)
            }
            _ => Err(self.err_here("a declaration")),
        }
    }

    /// `<<A, B(1)>>` (possibly empty).
    fn attributes(&mut self) -> PResult<Vec<Attribute>> {
        let mut attrs = Vec::new();
        if !self.eat("<<") {
            return Ok(attrs);
        }
        loop {
            let lo = self.span();
            let name = self.name("an attribute name")?;
            let args = if self.eat("(") {
                self.comma_list(")", |p| p.expr())?
            } else {
                Vec::new()
            };
            attrs.push(Attribute {
                name,
                args,
                span: self.since(lo),
            });
            if !self.eat(",") || self.is(">") {
                break;
            }
        }
        self.expect(">")?;
        self.expect(">")?;
        Ok(attrs)
    }

    /// The optional type of `const [T] NAME = ...`: a type is present unless a name follows directly.
    fn const_hint(&mut self) -> PResult<Option<Hint>> {
        let untyped = matches!(self.tok(), Tok::Ident(_))
            && (self.is_at(1, "=") || self.is_at(1, ";") || self.is_at(1, ","));
        if untyped {
            Ok(None)
        } else {
            Ok(Some(self.hint()?))
        }
    }

    fn function(&mut self, attrs: Vec<Attribute>, lo: Span) -> PResult<FunDecl> {
        self.expect_kw("function")?;
        let name = self.name("a function name")?;
        let tparams = self.type_params()?;
        let params = self.params()?;
        self.coeffects()?;
        let ret = if self.eat(":") {
            Some(self.hint()?)
        } else {
            None
        };
        let body = self.block()?;
        Ok(FunDecl {
            attrs,
            name,
            tparams,
            params,
            ret,
            body,
            span: self.since(lo),
        })
    }

    /// `<T, +U as Foo>` (possibly absent).
    fn type_params(&mut self) -> PResult<Vec<TypeParam>> {
        if !self.eat("<") {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        while !self.is(">") {
            let lo = self.span();
            if !self.eat("+") {
                self.eat("-");
            }
            if matches!(self.tok_at(1), Tok::Ident(_)) {
                self.eat_kw("reify");
            }
            let name = self.name("a type parameter")?;
            let mut bounds = Vec::new();
            loop {
                if self.eat_kw("as") {
                    bounds.push(self.hint()?);
                } else if self.eat_kw("super") {
                    self.hint()?;
                } else {
                    break;
                }
            }
            out.push(TypeParam {
                name,
                bounds,
                span: self.since(lo),
            });
            if !self.eat(",") {
                break;
            }
        }
        self.expect(">")?;
        Ok(out)
    }

    /// `(params)` of a function, method or lambda.
    fn params(&mut self) -> PResult<Vec<Param>> {
        self.expect("(")?;
        self.comma_list(")", |p| p.param())
    }

    fn param(&mut self) -> PResult<Param> {
        let lo = self.span();
        self.attributes()?;
        let mut promote = None;
        loop {
            let vis = match self.tok() {
                Tok::Ident(k) if k == "public" => Visibility::Public,
                Tok::Ident(k) if k == "protected" => Visibility::Protected,
                Tok::Ident(k) if k == "private" => Visibility::Private,
                Tok::Ident(k) if k == "readonly" => {
                    self.bump();
                    continue;
                }
                _ => break,
            };
            self.bump();
            promote = Some(vis);
        }
        let hint = if matches!(self.tok(), Tok::Var(_)) || self.is("...") {
            None
        } else {
            Some(self.hint()?)
        };
        let variadic = self.eat("...");
        let name = self.var_name()?;
        let default = if self.eat("=") {
            Some(self.expr()?)
        } else {
            None
        };
        Ok(Param {
            name,
            hint,
            default,
            variadic,
            promote,
            span: self.since(lo),
        })
    }

    /// Coeffects `[]`, `[write_props]`: parsed and ignored.
    fn coeffects(&mut self) -> PResult<()> {
        if self.is("[") {
            self.pos = self.closer[self.pos];
            self.expect("]")?;
        }
        Ok(())
    }

    fn class(
        &mut self,
        attrs: Vec<Attribute>,
        is_abstract: bool,
        is_final: bool,
        lo: Span,
    ) -> PResult<ClassDecl> {
        let kind = if self.eat_kw("interface") {
            ClassKind::Interface
        } else {
            self.expect_kw("class")?;
            ClassKind::Class
        };
        let name = self.name("a class name")?;
        let tparams = self.type_params()?;
        let mut extends = Vec::new();
        let mut implements = Vec::new();
        loop {
            if self.eat_kw("extends") {
                extends.extend(self.hint_list()?);
            } else if self.eat_kw("implements") {
                implements.extend(self.hint_list()?);
            } else {
                break;
            }
        }
        self.expect("{")?;
        let mut members = Vec::new();
        while !self.eat("}") {
            if self.at_eof() {
                return Err(self.err_here("`}`"));
            }
            self.member(&mut members)?;
        }
        Ok(ClassDecl {
            attrs,
            kind,
            is_abstract,
            is_final,
            name,
            tparams,
            extends,
            implements,
            members,
            span: self.since(lo),
        })
    }

    fn hint_list(&mut self) -> PResult<Vec<Hint>> {
        let mut out = vec![self.hint()?];
        while self.eat(",") {
            out.push(self.hint()?);
        }
        Ok(out)
    }

    fn member(&mut self, out: &mut Vec<ClassMember>) -> PResult<()> {
        if self.eat(";") {
            return Ok(());
        }
        let lo = self.span();
        let attrs = self.attributes()?;
        let mut visibility = None;
        let (mut is_static, mut is_abstract, mut is_final) = (false, false, false);
        while let Tok::Ident(k) = self.tok() {
            match k.as_str() {
                "public" => visibility = Some(Visibility::Public),
                "protected" => visibility = Some(Visibility::Protected),
                "private" => visibility = Some(Visibility::Private),
                "static" => is_static = true,
                "abstract" => is_abstract = true,
                "final" => is_final = true,
                "readonly" | "var" => {}
                _ => break,
            }
            self.bump();
        }
        let visibility = visibility.unwrap_or(Visibility::Public);
        if self.eat_kw("const") {
            let hint = self.const_hint()?;
            loop {
                let c_lo = self.span();
                let name = self.name("a constant name")?;
                let value = if self.eat("=") {
                    Some(self.expr()?)
                } else {
                    None
                };
                out.push(ClassMember::Const(ClassConst {
                    hint: hint.clone(),
                    name,
                    value,
                    span: self.since(c_lo),
                }));
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(";")?;
        } else if self.eat_kw("function") {
            let name = self.name("a method name")?;
            let tparams = self.type_params()?;
            let params = self.params()?;
            self.coeffects()?;
            let ret = if self.eat(":") {
                Some(self.hint()?)
            } else {
                None
            };
            let body = if self.eat(";") {
                None
            } else {
                Some(self.block()?)
            };
            out.push(ClassMember::Method(MethodDecl {
                attrs,
                visibility,
                is_static,
                is_abstract,
                is_final,
                name,
                tparams,
                params,
                ret,
                body,
                span: self.since(lo),
            }));
        } else if self.is_kw("use") || self.is_kw("require") {
            return Err(Diagnostic::error(
                "syntax",
                "traits are not supported",
                self.span(),
            ));
        } else {
            let hint = if matches!(self.tok(), Tok::Var(_)) {
                None
            } else {
                Some(self.hint()?)
            };
            loop {
                let p_lo = if out.is_empty() { lo } else { self.span() };
                let name = self.var_name()?;
                let default = if self.eat("=") {
                    Some(self.expr()?)
                } else {
                    None
                };
                out.push(ClassMember::Property(PropDecl {
                    visibility,
                    is_static,
                    hint: hint.clone(),
                    name,
                    default,
                    span: self.since(p_lo),
                }));
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(";")?;
        }
        Ok(())
    }

    fn enum_decl(&mut self, attrs: Vec<Attribute>, lo: Span) -> PResult<EnumDecl> {
        self.expect_kw("enum")?;
        let name = self.name("an enum name")?;
        self.expect(":")?;
        let base = self.hint()?;
        let constraint = if self.eat_kw("as") {
            Some(self.hint()?)
        } else {
            None
        };
        self.expect("{")?;
        let mut cases = Vec::new();
        while !self.eat("}") {
            let c_lo = self.span();
            let name = self.name("an enum case name")?;
            self.expect("=")?;
            let value = self.expr()?;
            self.expect(";")?;
            cases.push(EnumCase {
                name,
                value,
                span: self.since(c_lo),
            });
        }
        Ok(EnumDecl {
            attrs,
            name,
            base,
            constraint,
            cases,
            span: self.since(lo),
        })
    }

    // ---- type hints ----

    fn hint(&mut self) -> PResult<Hint> {
        self.enter()?;
        let h = self.hint_inner()?;
        self.leave();
        Ok(h)
    }

    fn hint_inner(&mut self) -> PResult<Hint> {
        let lo = self.span();
        if self.eat("?") {
            let inner = self.hint()?;
            return Ok(Hint {
                kind: HintKind::Nullable(Box::new(inner)),
                span: self.since(lo),
            });
        }
        if self.eat("@") {
            return self.hint();
        }
        if self.is("(") {
            self.bump();
            if !self.eat_kw("function") {
                return Err(Diagnostic::error(
                    "syntax",
                    "tuple types are not supported",
                    lo,
                ));
            }
            self.expect("(")?;
            let params = self.comma_list(")", |p| {
                p.eat_kw("inout");
                let h = p.hint()?;
                p.eat("...");
                Ok(h)
            })?;
            self.expect(":")?;
            let ret = self.hint()?;
            self.expect(")")?;
            return Ok(Hint {
                kind: HintKind::Fun {
                    params,
                    ret: Box::new(ret),
                },
                span: self.since(lo),
            });
        }
        let name = self.name("a type")?;
        let prim = match name.name.as_str() {
            "int" => Some(Prim::Int),
            "float" => Some(Prim::Float),
            "bool" => Some(Prim::Bool),
            "string" => Some(Prim::String),
            "num" => Some(Prim::Num),
            "arraykey" => Some(Prim::ArrayKey),
            "mixed" => Some(Prim::Mixed),
            "void" => Some(Prim::Void),
            "noreturn" => Some(Prim::Noreturn),
            "null" => Some(Prim::Null),
            "nonnull" => Some(Prim::Nonnull),
            "dynamic" => Some(Prim::Dynamic),
            _ => None,
        };
        if let Some(p) = prim {
            return Ok(Hint {
                kind: HintKind::Prim(p),
                span: lo,
            });
        }
        if name.name == "this" {
            return Ok(Hint {
                kind: HintKind::This,
                span: lo,
            });
        }
        if name.name == "shape" && self.is("(") {
            return Err(Diagnostic::error(
                "syntax",
                "shape types are not supported",
                lo,
            ));
        }
        let mut args = if self.is("<") {
            self.type_args()?
        } else {
            Vec::new()
        };
        let span = self.since(lo);
        let arity = |n: usize, args: &Vec<Hint>| -> PResult<()> {
            if args.len() == n {
                Ok(())
            } else {
                Err(Diagnostic::error(
                    "syntax",
                    format!(
                        "`{}` takes {n} type argument(s), found {}",
                        name.name,
                        args.len()
                    ),
                    span,
                ))
            }
        };
        let kind = match name.name.as_str() {
            "vec" | "keyset" if !args.is_empty() => {
                arity(1, &args)?;
                let a = Box::new(args.remove(0));
                if name.name == "vec" {
                    HintKind::Vec(a)
                } else {
                    HintKind::Keyset(a)
                }
            }
            "dict" if !args.is_empty() => {
                arity(2, &args)?;
                let v = Box::new(args.remove(1));
                HintKind::Dict(Box::new(args.remove(0)), v)
            }
            _ => HintKind::Named { name, args },
        };
        Ok(Hint { kind, span })
    }

    /// `<T1, T2>`
    fn type_args(&mut self) -> PResult<Vec<Hint>> {
        self.expect("<")?;
        self.comma_list(">", |p| p.hint())
    }

    // ---- statements ----

    fn block(&mut self) -> PResult<Block> {
        let lo = self.expect("{")?;
        let mut stmts = Vec::new();
        while !self.eat("}") {
            if self.at_eof() {
                return Err(self.err_here("`}`"));
            }
            stmts.push(self.stmt()?);
        }
        Ok(Block {
            stmts,
            span: self.since(lo),
        })
    }

    /// The body of `if`, `while`, ...: a block, or one statement wrapped in a block.
    fn body(&mut self) -> PResult<Block> {
        if self.is("{") {
            self.enter()?;
            let b = self.block()?;
            self.leave();
            return Ok(b);
        }
        let s = self.stmt()?;
        Ok(Block {
            span: s.span,
            stmts: vec![s],
        })
    }

    fn stmt(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let lo = self.span();
        let kind = self.stmt_kind()?;
        self.leave();
        Ok(Stmt {
            kind,
            span: self.since(lo),
        })
    }

    fn paren_expr(&mut self) -> PResult<Expr> {
        self.expect("(")?;
        let e = self.expr()?;
        self.expect(")")?;
        Ok(e)
    }

    fn stmt_kind(&mut self) -> PResult<StmtKind> {
        if self.is("{") {
            return Ok(StmtKind::Block(self.block()?));
        }
        if self.eat(";") {
            return Ok(StmtKind::Empty);
        }
        let kw = match self.tok() {
            Tok::Ident(k) => k.clone(),
            _ => String::new(),
        };
        let kind = match kw.as_str() {
            "if" => {
                self.bump();
                return self.if_rest();
            }
            "while" => {
                self.bump();
                let cond = self.paren_expr()?;
                let body = self.body()?;
                return Ok(StmtKind::While { cond, body });
            }
            "do" => {
                self.bump();
                let body = self.body()?;
                self.expect_kw("while")?;
                let cond = self.paren_expr()?;
                StmtKind::DoWhile { body, cond }
            }
            "for" => {
                self.bump();
                self.expect("(")?;
                let clause = |p: &mut Self, end: &str| -> PResult<Vec<Expr>> {
                    let mut v = Vec::new();
                    while !p.is(end) {
                        v.push(p.expr()?);
                        if !p.eat(",") {
                            break;
                        }
                    }
                    p.expect(end)?;
                    Ok(v)
                };
                let init = clause(self, ";")?;
                let cond = clause(self, ";")?;
                let step = clause(self, ")")?;
                let body = self.body()?;
                return Ok(StmtKind::For {
                    init,
                    cond,
                    step,
                    body,
                });
            }
            "foreach" => {
                self.bump();
                self.expect("(")?;
                let subject = self.expr()?;
                self.expect_kw("as")?;
                let first = self.expr_bp(P_PIPE)?;
                let (key, value) = if self.eat("=>") {
                    (Some(first), self.expr_bp(P_PIPE)?)
                } else {
                    (None, first)
                };
                self.expect(")")?;
                let body = self.body()?;
                return Ok(StmtKind::Foreach {
                    subject,
                    key,
                    value,
                    body,
                });
            }
            "switch" => {
                self.bump();
                let subject = self.paren_expr()?;
                self.expect("{")?;
                let mut cases: Vec<SwitchCase> = Vec::new();
                while !self.eat("}") {
                    let c_lo = self.span();
                    let label = if self.eat_kw("case") {
                        Some(self.expr()?)
                    } else if self.is_kw("default") {
                        if cases.iter().any(|c| c.label.is_none()) {
                            return Err(Diagnostic::error(
                                "syntax",
                                "Switch statements may only contain one default clause",
                                self.span(),
                            ));
                        }
                        self.bump();
                        None
                    } else {
                        return Err(self.err_here("`case`, `default` or `}`"));
                    };
                    if !self.eat(";") {
                        self.expect(":")?;
                    }
                    let mut body = Vec::new();
                    while !(self.is_kw("case")
                        || self.is_kw("default")
                        || self.is("}")
                        || self.at_eof())
                    {
                        body.push(self.stmt()?);
                    }
                    cases.push(SwitchCase {
                        label,
                        body,
                        span: self.since(c_lo),
                    });
                }
                return Ok(StmtKind::Switch { subject, cases });
            }
            "try" => {
                self.bump();
                let body = self.block()?;
                let mut catches = Vec::new();
                while self.is_kw("catch") {
                    let c_lo = self.bump().span;
                    self.expect("(")?;
                    let class = self.name("an exception class")?;
                    let var = self.var_name()?;
                    self.expect(")")?;
                    let body = self.block()?;
                    catches.push(Catch {
                        class,
                        var,
                        body,
                        span: self.since(c_lo),
                    });
                }
                let finally = if self.eat_kw("finally") {
                    Some(self.block()?)
                } else {
                    None
                };
                if catches.is_empty() && finally.is_none() {
                    return Err(self.err_here("`catch` or `finally`"));
                }
                return Ok(StmtKind::Try {
                    body,
                    catches,
                    finally,
                });
            }
            "break" | "continue" => {
                self.bump();
                if matches!(self.tok(), Tok::Int(_)) {
                    return Err(Diagnostic::error(
                        "syntax",
                        format!("`{kw}` with a level is not supported in Hack"),
                        self.span(),
                    ));
                }
                if kw == "break" {
                    StmtKind::Break
                } else {
                    StmtKind::Continue
                }
            }
            "return" => {
                self.bump();
                StmtKind::Return(if self.is(";") {
                    None
                } else {
                    Some(self.expr()?)
                })
            }
            "throw" => {
                self.bump();
                StmtKind::Throw(self.expr()?)
            }
            "echo" => {
                self.bump();
                let mut args = vec![self.expr()?];
                while self.eat(",") {
                    args.push(self.expr()?);
                }
                StmtKind::Echo(args)
            }
            "unset" if self.is_at(1, "(") => {
                self.bump();
                self.bump();
                StmtKind::Unset(self.comma_list(")", |p| p.expr())?)
            }
            "else" | "elseif" | "case" | "default" | "catch" | "finally" => {
                return Err(Diagnostic::error(
                    "syntax",
                    format!("unexpected `{kw}`"),
                    self.span(),
                ));
            }
            _ => StmtKind::Expr(self.expr()?),
        };
        self.expect(";")?;
        Ok(kind)
    }

    /// After `if`: `(cond) body [elseif (cond) body]* [else body]`.
    fn if_rest(&mut self) -> PResult<StmtKind> {
        let cond = self.paren_expr()?;
        let then = self.body()?;
        let else_ = if self.is_kw("elseif") || (self.is_kw("else") && self.is_kw_at(1, "if")) {
            let lo = self.span();
            // `else if` or `elseif`
            self.eat_kw("else");
            self.bump();
            self.enter()?;
            let kind = self.if_rest()?;
            self.leave();
            let span = self.since(lo);
            Some(Block {
                stmts: vec![Stmt { kind, span }],
                span,
            })
        } else if self.eat_kw("else") {
            Some(self.body()?)
        } else {
            None
        };
        Ok(StmtKind::If { cond, then, else_ })
    }

    // ---- expressions ----

    /// A full expression (assignments included).
    pub fn expr(&mut self) -> PResult<Expr> {
        self.expr_bp(0)
    }

    /// An expression whose operators all bind at least as tightly as `min`.
    fn expr_bp(&mut self, min: u8) -> PResult<Expr> {
        let (base, saved_peak) = (self.depth, self.peak);
        self.peak = base;
        self.enter()?;
        let lo = self.span();
        let mut lhs = self.prefix()?;
        loop {
            // Assignments bind their lvalue even inside tighter operators (`!$x = f()`).
            if let Some(op) = self.assign_op() {
                if is_lvalue(&lhs) {
                    self.grow()?;
                    let len = if op == Some(BinOp::Shr) { 2 } else { 1 };
                    for _ in 0..len {
                        self.bump();
                    }
                    let value = self.expr_bp(P_ASSIGN)?;
                    lhs = Expr {
                        kind: ExprKind::Assign {
                            op,
                            target: Box::new(lhs),
                            value: Box::new(value),
                        },
                        span: self.since(lo),
                    };
                    continue;
                }
                if min <= P_ASSIGN {
                    return Err(Diagnostic::error(
                        "syntax",
                        "cannot assign to this expression",
                        lhs.span,
                    ));
                }
                break;
            }
            let Some((op, bp)) = self.infix() else { break };
            if bp < min {
                break;
            }
            self.grow()?;
            lhs = self.infix_rest(lhs, op, bp, lo)?;
        }
        self.depth = base;
        self.peak = saved_peak.max(self.peak);
        Ok(lhs)
    }

    /// The assignment operator at the current token, if any (`Some(None)` is plain `=`).
    fn assign_op(&self) -> Option<Option<BinOp>> {
        let Tok::Punct(p) = self.tok() else {
            return None;
        };
        Some(match *p {
            "=" => None,
            "+=" => Some(BinOp::Add),
            "-=" => Some(BinOp::Sub),
            "*=" => Some(BinOp::Mul),
            "/=" => Some(BinOp::Div),
            ".=" => Some(BinOp::Concat),
            "%=" => Some(BinOp::Mod),
            "**=" => Some(BinOp::Pow),
            "??=" => Some(BinOp::Coalesce),
            "<<=" => Some(BinOp::Shl),
            "&=" => Some(BinOp::BitAnd),
            "|=" => Some(BinOp::BitOr),
            "^=" => Some(BinOp::BitXor),
            ">" if self.joined_gt(">=") => Some(BinOp::Shr),
            _ => return None,
        })
    }

    /// The infix operator at the current token and its binding power.
    fn infix(&self) -> Option<(Infix, u8)> {
        use BinOp::*;
        let bin = |op, bp| Some((Infix::Bin(op), bp));
        match self.tok() {
            Tok::Punct(p) => match *p {
                "|>" => Some((Infix::Pipe, P_PIPE)),
                "?" if self.is_kw_at(1, "as")
                    && self.toks[self.pos + 1].span.lo == self.span().hi =>
                {
                    Some((Infix::NullableAs, P_IS))
                }
                "?" => Some((Infix::Ternary, P_TERNARY)),
                "??" => bin(Coalesce, P_COALESCE),
                "||" => bin(Or, 10),
                "&&" => bin(And, 11),
                "|" => bin(BitOr, 12),
                "^" => bin(BitXor, 13),
                "&" => bin(BitAnd, 14),
                "==" => bin(Eq, 15),
                "!=" | "<>" => bin(NotEq, 15),
                "===" => bin(Identical, 15),
                "!==" => bin(NotIdentical, 15),
                "<" => bin(Lt, 16),
                "<=" => bin(Le, 16),
                ">" if self.joined_gt(">") => bin(Shr, 17),
                ">" => bin(Gt, 16),
                ">=" => bin(Ge, 16),
                "<=>" => bin(Cmp, 16),
                "<<" => bin(Shl, 17),
                "+" => bin(Add, 18),
                "-" => bin(Sub, 18),
                "." => bin(Concat, 18),
                "*" => bin(Mul, 19),
                "/" => bin(Div, 19),
                "%" => bin(Mod, 19),
                "**" => bin(Pow, P_POW),
                _ => None,
            },
            Tok::Ident(k) => match k.as_str() {
                "instanceof" => Some((Infix::InstanceOf, P_IS)),
                "is" => Some((Infix::Is, P_IS)),
                // `foreach ($c as $v)`: `as` before a variable or `list(` is not a cast.
                "as" if !(matches!(self.tok_at(1), Tok::Var(_))
                    || self.is_kw_at(1, "list") && self.is_at(2, "(")) =>
                {
                    Some((Infix::As, P_IS))
                }
                _ => None,
            },
            _ => None,
        }
    }

    fn infix_rest(&mut self, lhs: Expr, op: Infix, bp: u8, lo: Span) -> PResult<Expr> {
        let kind = match op {
            Infix::Bin(op) => {
                self.bump();
                if op == BinOp::Shr {
                    self.bump();
                }
                // `**` and `??` are right-associative; the rest left.
                let rbp = if matches!(op, BinOp::Pow | BinOp::Coalesce) {
                    bp
                } else {
                    bp + 1
                };
                let rhs = self.expr_bp(rbp)?;
                ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                }
            }
            Infix::Pipe => {
                self.bump();
                let rhs = self.expr_bp(bp + 1)?;
                ExprKind::Pipe {
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                }
            }
            Infix::Ternary => {
                self.bump();
                let then = if self.eat(":") {
                    None
                } else {
                    let t = self.expr()?;
                    self.expect(":")?;
                    Some(Box::new(t))
                };
                let else_ = self.expr_bp(bp)?;
                ExprKind::Ternary {
                    cond: Box::new(lhs),
                    then,
                    else_: Box::new(else_),
                }
            }
            Infix::Is => {
                self.bump();
                ExprKind::Is {
                    expr: Box::new(lhs),
                    hint: self.hint()?,
                }
            }
            Infix::As | Infix::NullableAs => {
                let nullable = op == Infix::NullableAs;
                if nullable {
                    self.bump();
                }
                self.bump();
                ExprKind::As {
                    expr: Box::new(lhs),
                    hint: self.hint()?,
                    nullable,
                }
            }
            Infix::InstanceOf => {
                self.bump();
                let class = self.class_ref()?;
                ExprKind::InstanceOf {
                    expr: Box::new(lhs),
                    class,
                }
            }
        };
        Ok(Expr {
            kind,
            span: self.since(lo),
        })
    }

    fn class_ref(&mut self) -> PResult<ClassRef> {
        let n = self.name("a class name")?;
        Ok(match n.name.as_str() {
            "self" => ClassRef::Self_,
            "parent" => ClassRef::Parent,
            "static" => ClassRef::Static,
            _ => ClassRef::Named(n),
        })
    }

    /// Prefix operators, then a primary expression with its postfix operators.
    fn prefix(&mut self) -> PResult<Expr> {
        let lo = self.span();
        // The prefix operators bind looser than `instanceof`/`is`/`as` (hackc's `operator.rs`:
        // precedence 20 against 21): `!$x is T` is `!($x is T)`, `-$x is int` is `-($x is int)`.
        let unary = match self.tok() {
            Tok::Punct("-") => Some(UnOp::Neg),
            Tok::Punct("+") => Some(UnOp::Plus),
            Tok::Punct("~") => Some(UnOp::BitNot),
            Tok::Punct("!") => Some(UnOp::Not),
            _ => None,
        };
        if let Some(op) = unary {
            self.bump();
            let e = self.expr_bp(P_IS)?;
            return Ok(Expr {
                kind: ExprKind::Unary {
                    op,
                    expr: Box::new(e),
                },
                span: self.since(lo),
            });
        }
        if self.is("++") || self.is("--") {
            let op = if self.bump().tok == Tok::Punct("++") {
                IncDec::PreInc
            } else {
                IncDec::PreDec
            };
            let e = self.expr_bp(P_UNARY)?;
            return Ok(Expr {
                kind: ExprKind::IncDec {
                    op,
                    target: Box::new(e),
                },
                span: self.since(lo),
            });
        }
        if self.eat("@") {
            return self.expr_bp(P_UNARY);
        }
        if self.is("(") {
            if let Some(kind) = self.cast_kind() {
                self.pos += 3;
                let e = self.expr_bp(P_UNARY)?;
                return Ok(Expr {
                    kind: ExprKind::Cast {
                        kind,
                        expr: Box::new(e),
                    },
                    span: self.since(lo),
                });
            }
        }
        if self.is_kw("print") {
            self.bump();
            let e = self.expr_bp(P_ASSIGN)?;
            return Ok(Expr {
                kind: ExprKind::Print(Box::new(e)),
                span: self.since(lo),
            });
        }
        let e = self.primary()?;
        self.postfix(e, lo)
    }

    /// `(int)` etc. at the current `(`.
    fn cast_kind(&self) -> Option<CastKind> {
        if !self.is_at(2, ")") {
            return None;
        }
        let Tok::Ident(k) = self.tok_at(1) else {
            return None;
        };
        Some(match k.as_str() {
            "int" | "integer" => CastKind::Int,
            "float" | "double" | "real" => CastKind::Float,
            "string" => CastKind::String,
            "bool" | "boolean" => CastKind::Bool,
            _ => return None,
        })
    }

    fn postfix(&mut self, mut e: Expr, lo: Span) -> PResult<Expr> {
        loop {
            if !matches!(
                self.tok(),
                Tok::Punct("[" | "->" | "?->" | "(" | "++" | "--")
            ) {
                return Ok(e);
            }
            self.grow()?;
            let kind = match self.tok() {
                Tok::Punct("[") => {
                    self.bump();
                    let index = if self.is("]") {
                        None
                    } else {
                        Some(Box::new(self.expr()?))
                    };
                    self.expect("]")?;
                    ExprKind::Index {
                        base: Box::new(e),
                        index,
                    }
                }
                Tok::Punct(p @ ("->" | "?->")) => {
                    let nullsafe = *p == "?->";
                    self.bump();
                    let name = self.name("a property or method name")?;
                    // `$o->m<T>(...)`: type arguments (dropped), as hackc's
                    // `can_term_take_type_args` allows for member selections.
                    if self.is("<") && self.try_type_args_call().is_some() {
                        self.type_args()?;
                    }
                    if self.is("(") {
                        let args = self.args()?;
                        ExprKind::MethodCall {
                            obj: Box::new(e),
                            name,
                            args,
                            nullsafe,
                        }
                    } else {
                        ExprKind::Prop {
                            obj: Box::new(e),
                            name,
                            nullsafe,
                        }
                    }
                }
                Tok::Punct("(") => {
                    let args = self.args()?;
                    ExprKind::Call {
                        callee: Box::new(e),
                        targs: Vec::new(),
                        args,
                    }
                }
                Tok::Punct(p @ ("++" | "--")) => {
                    let op = if *p == "++" {
                        IncDec::PostInc
                    } else {
                        IncDec::PostDec
                    };
                    self.bump();
                    return Ok(Expr {
                        kind: ExprKind::IncDec {
                            op,
                            target: Box::new(e),
                        },
                        span: self.since(lo),
                    });
                }
                _ => return Ok(e),
            };
            e = Expr {
                kind,
                span: self.since(lo),
            };
        }
    }

    /// `(args)` with spreads `...$v`.
    fn args(&mut self) -> PResult<Vec<Arg>> {
        let lo = self.span();
        self.expect("(")?;
        let args = self.comma_list(")", |p| {
            let spread = p.eat("...");
            p.eat_kw("inout");
            Ok(Arg {
                value: p.expr()?,
                spread,
            })
        })?;
        // (A spread passes any number.)
        if args.len() > MAX_ARGS {
            return Err(Diagnostic::error(
                "syntax",
                format!(
                    "too many arguments in one call: {} (at most {MAX_ARGS}; spread a vec to pass more)",
                    args.len()
                ),
                self.since(lo),
            ));
        }
        Ok(args)
    }

    fn primary(&mut self) -> PResult<Expr> {
        let lo = self.span();
        let t = self.tok().clone();
        let kind = match t {
            Tok::Int(v) => {
                self.bump();
                ExprKind::Int(v)
            }
            Tok::Float(v) => {
                self.bump();
                ExprKind::Float(v)
            }
            Tok::Str(s) => {
                self.bump();
                ExprKind::Str(s)
            }
            Tok::Interp(parts) => {
                self.bump();
                let mut out = Vec::new();
                for part in parts {
                    out.push(match part {
                        Part::Lit(b) => StrPart::Lit(b),
                        Part::Expr(toks, _) => {
                            let mut sub = Parser::new(toks, self.depth);
                            let e = sub.expr()?;
                            if !sub.at_eof() {
                                return Err(sub.err_here("the end of the interpolated expression"));
                            }
                            StrPart::Expr(e)
                        }
                    });
                }
                ExprKind::Interp(out)
            }
            Tok::Var(v) => {
                if self.is_at(1, "==>") {
                    let name = self.var_name()?;
                    let param = Param {
                        span: name.span,
                        name,
                        hint: None,
                        default: None,
                        variadic: false,
                        promote: None,
                    };
                    return self.lambda_rest(vec![param], None, lo);
                }
                self.bump();
                if v == "this" {
                    ExprKind::This
                } else {
                    ExprKind::Var(v)
                }
            }
            Tok::PipeVar => {
                self.bump();
                ExprKind::PipeVar
            }
            Tok::Punct("(") => return self.paren_or_lambda(),
            Tok::Ident(word) => return self.word(word, lo),
            _ => return Err(self.err_here("an expression")),
        };
        Ok(Expr {
            kind,
            span: self.since(lo),
        })
    }

    /// `(expr)` or a lambda `(params): T ==> body`.
    fn paren_or_lambda(&mut self) -> PResult<Expr> {
        let lo = self.span();
        let last = self.toks.len() - 1;
        let mut after = (self.closer[self.pos] + 1).min(last);
        if self.toks[after].tok == Tok::Punct("[") {
            // Coeffects: `(params)[] ==> ...`
            after = (self.closer[after] + 1).min(last);
        }
        let is_lambda = match self.toks[after].tok {
            Tok::Punct("==>") => true,
            Tok::Punct(":") => {
                // `(params): T ==>` — or a ternary's `(x) : y`; try the type.
                let saved = (self.pos, self.depth, self.peak);
                self.pos = (after + 1).min(last);
                let yes = self.hint().is_ok() && self.is("==>");
                (self.pos, self.depth, self.peak) = saved;
                yes
            }
            _ => false,
        };
        if is_lambda {
            let params = self.params()?;
            self.coeffects()?;
            let ret = if self.eat(":") {
                Some(self.hint()?)
            } else {
                None
            };
            return self.lambda_rest(params, ret, lo);
        }
        self.bump();
        let e = self.expr()?;
        self.expect(")")?;
        Ok(Expr {
            kind: e.kind,
            span: self.since(lo),
        })
    }

    /// After the parameters of a `==>` lambda: `==> expr` or `==> { ... }`.
    fn lambda_rest(&mut self, params: Vec<Param>, ret: Option<Hint>, lo: Span) -> PResult<Expr> {
        self.expect("==>")?;
        let body = if self.is("{") {
            self.enter()?;
            let b = self.block()?;
            self.leave();
            LambdaBody::Block(b)
        } else {
            LambdaBody::Expr(self.expr()?)
        };
        let lambda = Lambda {
            params,
            ret,
            body,
            uses: None,
        };
        Ok(Expr {
            kind: ExprKind::Lambda(Box::new(lambda)),
            span: self.since(lo),
        })
    }

    /// An expression starting with a word: keyword forms, names, calls, static members.
    fn word(&mut self, word: String, lo: Span) -> PResult<Expr> {
        let lower = word.to_ascii_lowercase();
        let simple = match lower.as_str() {
            "true" => Some(ExprKind::Bool(true)),
            "false" => Some(ExprKind::Bool(false)),
            "null" => Some(ExprKind::Null),
            _ => None,
        };
        if let Some(kind) = simple {
            self.bump();
            return Ok(Expr { kind, span: lo });
        }
        let next_paren = self.is_at(1, "(");
        let kind = match word.as_str() {
            "vec" | "keyset" if self.is_at(1, "[") => {
                self.bump();
                self.bump();
                let items = self.comma_list("]", |p| p.expr())?;
                if word == "vec" {
                    ExprKind::Vec(items)
                } else {
                    ExprKind::Keyset(items)
                }
            }
            "dict" if self.is_at(1, "[") => {
                self.bump();
                self.bump();
                ExprKind::Dict(self.comma_list("]", |p| {
                    let k = p.expr()?;
                    p.expect("=>")?;
                    Ok((k, p.expr()?))
                })?)
            }
            "new" => {
                self.bump();
                let class = self.class_ref()?;
                if self.is("<") {
                    self.type_args()?;
                }
                let args = if self.is("(") {
                    self.args()?
                } else {
                    Vec::new()
                };
                ExprKind::New { class, args }
            }
            "function" if next_paren => {
                self.bump();
                let params = self.params()?;
                let uses = if self.eat_kw("use") {
                    self.expect("(")?;
                    self.comma_list(")", |p| p.var_name())?
                } else {
                    Vec::new()
                };
                self.coeffects()?;
                let ret = if self.eat(":") {
                    Some(self.hint()?)
                } else {
                    None
                };
                self.enter()?;
                let body = self.block()?;
                self.leave();
                ExprKind::Lambda(Box::new(Lambda {
                    params,
                    ret,
                    body: LambdaBody::Block(body),
                    uses: Some(uses),
                }))
            }
            "list" if next_paren => {
                self.bump();
                self.bump();
                let mut items = Vec::new();
                while !self.is(")") {
                    if self.is(",") {
                        items.push(None);
                    } else {
                        items.push(Some(self.expr()?));
                    }
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect(")")?;
                ExprKind::List(items)
            }
            "isset" if next_paren => {
                self.bump();
                self.bump();
                ExprKind::Isset(self.comma_list(")", |p| p.expr())?)
            }
            "exit" | "die" => {
                self.bump();
                let arg = if self.eat("(") {
                    let a = if self.is(")") {
                        None
                    } else {
                        Some(Box::new(self.expr()?))
                    };
                    self.expect(")")?;
                    a
                } else {
                    None
                };
                ExprKind::Exit(arg)
            }
            _ if self.is_at(1, "::") => {
                let class = self.class_ref()?;
                self.bump();
                match self.tok().clone() {
                    Tok::Var(v) => {
                        let span = self.bump().span;
                        ExprKind::StaticProp {
                            class,
                            name: Name { name: v, span },
                        }
                    }
                    Tok::Ident(m) if m == "class" && !self.is_at(1, "(") => {
                        self.bump();
                        ExprKind::ClassName(class)
                    }
                    Tok::Ident(_) => {
                        let name = self.name("a member name")?;
                        if self.is("<") && self.try_type_args_call().is_some() {
                            self.type_args()?;
                        }
                        if self.is("(") {
                            ExprKind::StaticCall {
                                class,
                                name,
                                args: self.args()?,
                            }
                        } else {
                            ExprKind::ClassConst { class, name }
                        }
                    }
                    _ => return Err(self.err_here("a member name after `::`")),
                }
            }
            _ if RESERVED.contains(&word.as_str()) => {
                return Err(Diagnostic::error(
                    "syntax",
                    format!("unexpected `{word}` in an expression"),
                    lo,
                ));
            }
            _ => {
                let name = self.name("a name")?;
                let targs = if self.is("<") && self.try_type_args_call().is_some() {
                    self.type_args()?
                } else {
                    Vec::new()
                };
                if self.is("(") {
                    let args = self.args()?;
                    let callee = Expr {
                        span: name.span,
                        kind: ExprKind::Name(name),
                    };
                    ExprKind::Call {
                        callee: Box::new(callee),
                        targs,
                        args,
                    }
                } else {
                    ExprKind::Name(name)
                }
            }
        };
        let e = Expr {
            kind,
            span: self.since(lo),
        };
        Ok(e)
    }

    /// Do type arguments `<...>` followed by `(` start here? (Position unchanged.)
    fn try_type_args_call(&mut self) -> Option<()> {
        let saved = (self.pos, self.depth, self.peak);
        let ok = self.type_args().is_ok() && self.is("(");
        (self.pos, self.depth, self.peak) = saved;
        ok.then_some(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Infix {
    Bin(BinOp),
    Pipe,
    Ternary,
    Is,
    As,
    NullableAs,
    InstanceOf,
}

fn is_lvalue(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Var(_)
            | ExprKind::Index { .. }
            | ExprKind::Prop { .. }
            | ExprKind::StaticProp { .. }
            | ExprKind::List(_)
    )
}

/// Whether the text of a `use` statement after `use` (tokens separated by spaces) names only
/// namespaces of the HSL: `namespace HH\Lib\X`, `namespace HH\Lib\X as X` or
/// `namespace HH\Lib\{X, Y}` (case-insensitive, as namespace names are). Those the subset has
/// (`C`, `Vec`, `Dict`, `Keyset`, `Str`, `Math`) are always in scope; the others' functions are
/// undefined at run time, as any function the subset does not have. An alias of another name
/// would bind names the run time does not know.
fn hsl_namespaces_only(text: &str) -> bool {
    // A namespace name: words of a name's characters, separated by `\`.
    let is_name = |n: &str| {
        !n.is_empty()
            && n.split('\\').all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            })
    };
    // What follows `HH\Lib\` (with or without a leading `\`) in a name.
    let in_hsl = |name: &str| -> Option<String> {
        let name = name.strip_prefix('\\').unwrap_or(name);
        let prefix = name.get(..7)?;
        prefix
            .eq_ignore_ascii_case("HH\\Lib\\")
            .then(|| name[7..].to_string())
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        // `namespace HH\Lib\Vec as Vec`: the alias a namespace has anyway, its last name.
        ["namespace", name, as_kw, alias] if as_kw.eq_ignore_ascii_case("as") => in_hsl(name)
            .is_some_and(|n| {
                is_name(&n)
                    && n.rsplit('\\')
                        .next()
                        .unwrap_or("")
                        .eq_ignore_ascii_case(alias)
            }),
        ["namespace", rest @ ..] => {
            let Some(tail) = in_hsl(&rest.concat()) else {
                return false;
            };
            match tail.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(group) => group
                    .strip_suffix(',')
                    .unwrap_or(group)
                    .split(',')
                    .all(is_name),
                None => is_name(&tail),
            }
        }
        _ => false,
    }
}
