//! The IR reader: parses exactly the text that `crate::write` prints, so print∘read is the identity.
//!
//! Values and blocks keep their printed numbers: `v7` is `Value(7)` and `b3` is `Block(3)`.
//! Numbers that are used but never defined (or skipped) become `ValueDef::Unused` values of type
//! `Cell` and parameterless blocks that are not in the layout, so the verifier can report them.
//! Instructions are numbered in layout order; spans are default. The reader accepts some IR that
//! the verifier rejects (a wrong operand count, a missing result, an immediate of the wrong kind,
//! a destination to an unplaced block): tests build bad IR by parsing text. It rejects what the
//! data structures cannot hold: a value defined twice, a block header repeated, an entity
//! number above [`MAX_ENTITY`], and module ids (`fn3`, `cls1`) out of sequence.
//!
//! Immediates are read by their syntax (`[..]` switch cases, `"C"::"m"` members, `fn3`,
//! `param0 Int "int"`, a type, a number, `true`); a quoted string becomes `Imm::Name` or
//! `Imm::Class` when the opcode's immediate kind says so and `Imm::Str` otherwise, and an
//! integer literal becomes `Imm::Float` for an opcode whose immediate kind is `Float`.
//! Lines may carry `;` comments (as in the verifier's annotated output).

pub mod error;
pub mod lexer;

pub use error::ParseError;

use crate::dfg::{BlockCall, Imm, InstData, ValueData, ValueDef, VerifyKind};
use crate::entities::{Block, FuncId, Inst, Value};
use crate::function::{Attrs, Function, Param, TypeHint};
use crate::layout::Layout;
use crate::module::{ClassDecl, ClassKind, ConstDecl, Module, PropDecl};
use crate::opcodes::{ImmKind, Opcode};
use crate::span::Span;
use crate::types::Type;
use lexer::{Tok, Token};

/// The largest value or block number the reader accepts (a limit: tables are dense).
pub const MAX_ENTITY: u32 = 1 << 20;

/// Parse a whole module as printed by `write::write_module`.
pub fn parse_module(text: &str) -> Result<Module, ParseError> {
    let mut p = Parser::new(text)?;
    let mut m = Module::default();
    loop {
        p.skip_newlines();
        match p.peek().clone() {
            Tok::Eof => break,
            Tok::Word(w) if w == "const" => {
                p.bump();
                let name = p.utf8_string("constant name")?;
                p.expect(Tok::Colon)?;
                let hint = p.hint()?;
                p.expect(Tok::Eq)?;
                let init = p.func_id()?;
                p.end_line()?;
                m.consts.push(ConstDecl { name, hint, init });
            }
            Tok::Word(w) if w == "class" || w == "interface" || w == "enum" => {
                let c = p.class(m.classes.len())?;
                m.classes.push(c);
            }
            _ => {
                let tok = p.peek_token().clone();
                let (id, f) = p.function()?;
                let expected = format!("fn{}", m.funcs.len());
                if id.as_deref() != Some(expected.as_str()) {
                    return Err(ParseError::new(
                        tok.line,
                        tok.col,
                        format!("expected function id `{expected}`"),
                    ));
                }
                m.funcs.push(f);
            }
        }
    }
    Ok(m)
}

/// Parse one function as printed by `write::write_function` (with any id word, or none, before
/// its quoted name).
pub fn parse_function(text: &str) -> Result<Function, ParseError> {
    let mut p = Parser::new(text)?;
    p.skip_newlines();
    let (_, f) = p.function()?;
    p.skip_newlines();
    if *p.peek() != Tok::Eof {
        return Err(p.err(format!(
            "expected end of input, found {}",
            p.peek().describe()
        )));
    }
    Ok(f)
}

/// `prefix` followed by a decimal number (`v7` → 7).
/// The block a printed block name (`b3`) names.
pub fn parse_block(name: &str) -> Option<Block> {
    numbered(name, "b").map(Block)
}

fn numbered(word: &str, prefix: &str) -> Option<u32> {
    let digits = word.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_int_literal(s: &str) -> bool {
    let d = s.strip_prefix('-').unwrap_or(s);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

/// Function body under construction.
#[derive(Default)]
struct Body {
    values: Vec<ValueData>,
    defined: Vec<bool>,
    blocks: Vec<Vec<Value>>,
    headers: Vec<bool>,
    layout: Layout,
    insts: Vec<InstData>,
}

impl Body {
    fn value(&mut self, n: u32) -> Value {
        let i = n as usize;
        if self.values.len() <= i {
            self.values.resize(
                i + 1,
                ValueData {
                    def: ValueDef::Unused,
                    ty: Type::CELL,
                },
            );
            self.defined.resize(i + 1, false);
        }
        Value(n)
    }

    fn block(&mut self, n: u32) -> Block {
        let i = n as usize;
        if self.blocks.len() <= i {
            self.blocks.resize(i + 1, Vec::new());
            self.headers.resize(i + 1, false);
        }
        Block(n)
    }
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn new(text: &str) -> Result<Parser, ParseError> {
        Ok(Parser {
            toks: lexer::lex(text)?,
            pos: 0,
        })
    }

    fn peek_token(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek(&self) -> &Tok {
        &self.peek_token().tok
    }

    fn peek2(&self) -> &Tok {
        &self.toks[(self.pos + 1).min(self.toks.len() - 1)].tok
    }

    fn bump(&mut self) -> Token {
        let t = self.peek_token().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn err(&self, msg: impl Into<String>) -> ParseError {
        let t = self.peek_token();
        ParseError::new(t.line, t.col, msg)
    }

    fn expected(&self, what: &str) -> ParseError {
        self.err(format!("expected {what}, found {}", self.peek().describe()))
    }

    fn skip_newlines(&mut self) {
        while *self.peek() == Tok::Newline {
            self.bump();
        }
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == t {
            self.bump();
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Tok::Word(x) if x == w) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, t: Tok) -> Result<(), ParseError> {
        if self.eat(&t) {
            Ok(())
        } else {
            Err(self.expected(&t.describe()))
        }
    }

    fn expect_word(&mut self, w: &str) -> Result<(), ParseError> {
        if self.eat_word(w) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{w}`")))
        }
    }

    fn end_line(&mut self) -> Result<(), ParseError> {
        match self.peek() {
            Tok::Newline => {
                self.bump();
                Ok(())
            }
            Tok::Eof => Ok(()),
            _ => Err(self.expected("end of line")),
        }
    }

    fn word(&mut self, what: &str) -> Result<String, ParseError> {
        match self.peek().clone() {
            Tok::Word(w) => {
                self.bump();
                Ok(w)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn string(&mut self, what: &str) -> Result<Vec<u8>, ParseError> {
        match self.peek().clone() {
            Tok::Str(s) => {
                self.bump();
                Ok(s)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn utf8_string(&mut self, what: &str) -> Result<Box<str>, ParseError> {
        let t = self.peek_token().clone();
        let bytes = self.string(what)?;
        String::from_utf8(bytes)
            .map(String::into_boxed_str)
            .map_err(|_| ParseError::new(t.line, t.col, format!("{what} is not valid UTF-8")))
    }

    fn number<T: std::str::FromStr>(&mut self, what: &str) -> Result<T, ParseError> {
        match self.peek().clone() {
            Tok::Number(n) if is_int_literal(&n) => match n.parse() {
                Ok(v) => {
                    self.bump();
                    Ok(v)
                }
                Err(_) => Err(self.err(format!("{what} `{n}` is out of range"))),
            },
            _ => Err(self.expected(what)),
        }
    }

    fn entity(&mut self, prefix: &str, what: &str, limit: bool) -> Result<u32, ParseError> {
        match self.peek().clone() {
            Tok::Word(w) => match numbered(&w, prefix) {
                Some(n) if !limit || n <= MAX_ENTITY => {
                    self.bump();
                    Ok(n)
                }
                Some(_) => Err(self.err(format!("{w}: number above the reader's limit"))),
                None => Err(self.expected(what)),
            },
            _ => Err(self.expected(what)),
        }
    }

    fn func_id(&mut self) -> Result<FuncId, ParseError> {
        self.entity("fn", "a function id (`fn3`)", false)
            .map(FuncId)
    }

    fn ty(&mut self) -> Result<Type, ParseError> {
        let t = self.peek_token().clone();
        let w = self.word("a type")?;
        // `Type::parse` recurses on a leading `?`; the printer writes at most one.
        let parsed = if w.get(1..).is_some_and(|r| r.contains('?')) {
            None
        } else {
            Type::parse(&w)
        };
        parsed.ok_or_else(|| ParseError::new(t.line, t.col, format!("unknown type `{w}`")))
    }

    fn hint(&mut self) -> Result<TypeHint, ParseError> {
        let ty = self.ty()?;
        let text = self.utf8_string("the hint text")?;
        let enforced = self.eat_word("enforced");
        Ok(TypeHint { ty, text, enforced })
    }

    fn class(&mut self, index: usize) -> Result<ClassDecl, ParseError> {
        let kind = match self.word("class kind")?.as_str() {
            "interface" => ClassKind::Interface,
            "enum" => ClassKind::Enum,
            _ => ClassKind::Class,
        };
        let id = self.entity("cls", "a class id (`cls1`)", false)?;
        if id as usize != index {
            return Err(self.err(format!("expected class id `cls{index}`, found `cls{id}`")));
        }
        let name = self.utf8_string("class name")?;
        let mut c = ClassDecl {
            name,
            kind,
            is_abstract: self.eat_word("abstract"),
            is_final: false,
            parent: None,
            interfaces: Vec::new(),
            props: Vec::new(),
            consts: Vec::new(),
            methods: Vec::new(),
            protected_methods: Vec::new(),
        };
        c.is_final = self.eat_word("final");
        if self.eat_word("extends") {
            c.parent = Some(self.utf8_string("parent class name")?);
        }
        while self.eat_word("implements") {
            c.interfaces.push(self.utf8_string("interface name")?);
        }
        self.expect(Tok::LBrace)?;
        self.end_line()?;
        loop {
            self.skip_newlines();
            if self.eat(&Tok::RBrace) {
                self.end_line()?;
                return Ok(c);
            }
            let mut w = self.word("a class member or `}`")?;
            let protected = w == "protected";
            if protected {
                w = self.word("`prop` or `method` after `protected`")?;
                if w != "prop" && w != "method" {
                    return Err(self.err(format!("`protected {w}`: expected `prop` or `method`")));
                }
            }
            match w.as_str() {
                "prop" | "static" => {
                    let is_static = w == "static";
                    if is_static {
                        self.expect_word("prop")?;
                    }
                    let name = self.utf8_string("property name")?;
                    self.expect(Tok::Colon)?;
                    let hint = self.hint()?;
                    let default = if self.eat(&Tok::Eq) {
                        Some(self.func_id()?)
                    } else {
                        None
                    };
                    c.props.push(PropDecl {
                        name,
                        hint,
                        default,
                        is_static,
                        is_protected: protected,
                    });
                }
                "const" => {
                    let name = self.utf8_string("constant name")?;
                    self.expect(Tok::Eq)?;
                    c.consts.push((name, self.func_id()?));
                }
                "method" => {
                    let name = self.utf8_string("method name")?;
                    let f = if self.eat_word("abstract") {
                        None
                    } else {
                        self.expect(Tok::Eq)?;
                        Some(self.func_id()?)
                    };
                    if protected {
                        c.protected_methods.push(name.to_ascii_lowercase().into());
                    }
                    c.methods.push((name, f));
                }
                _ => return Err(self.err(format!("unknown class member `{w}`"))),
            }
            self.end_line()?;
        }
    }

    /// A function: optional id word, then the signature, then the body.
    fn function(&mut self) -> Result<(Option<String>, Function), ParseError> {
        let id = match self.peek().clone() {
            Tok::Word(w) => {
                self.bump();
                Some(w)
            }
            _ => None,
        };
        let name = self.utf8_string("the function name")?;
        self.expect(Tok::LParen)?;
        let mut params = Vec::new();
        if !self.eat(&Tok::RParen) {
            loop {
                let variadic = self.eat(&Tok::Ellipsis);
                let pname = match self.peek().clone() {
                    Tok::Var(v) => {
                        self.bump();
                        v
                    }
                    _ => return Err(self.expected("a parameter (`$name`)")),
                };
                self.expect(Tok::Colon)?;
                let hint = self.hint()?;
                let has_default = if self.eat(&Tok::Eq) {
                    self.expect_word("default")?;
                    true
                } else {
                    false
                };
                params.push(Param {
                    name: pname.into(),
                    hint,
                    has_default,
                    variadic,
                });
                if self.eat(&Tok::RParen) {
                    break;
                }
                self.expect(Tok::Comma)?;
            }
        }
        self.expect(Tok::Arrow)?;
        let ret = self.hint()?;
        let mut f = Function::new(&name, params, ret);
        if self.eat(&Tok::LBracket) {
            f.attrs = self.attrs()?;
        }
        self.expect(Tok::LBrace)?;
        self.end_line()?;
        self.body(&mut f)?;
        Ok((id, f))
    }

    fn attrs(&mut self) -> Result<Attrs, ParseError> {
        let mut a = Attrs::default();
        loop {
            let w = self.word("an attribute")?;
            match w.as_str() {
                "entry_point" => a.entry_point = true,
                "memoize" => a.memoize = true,
                "memoize_lsb" => a.memoize_lsb = true,
                "static" => a.is_static = true,
                "captures" => {
                    self.expect(Tok::Eq)?;
                    a.captures = self.number("a capture count")?;
                }
                _ => return Err(self.err(format!("unknown attribute `{w}`"))),
            }
            if self.eat(&Tok::RBracket) {
                return Ok(a);
            }
            self.expect(Tok::Comma)?;
        }
    }

    fn value(&mut self, body: &mut Body) -> Result<Value, ParseError> {
        let n = self.entity("v", "a value (`v3`)", true)?;
        Ok(body.value(n))
    }

    fn block_ref(&mut self, body: &mut Body) -> Result<Block, ParseError> {
        let n = self.entity("b", "a block (`b2`)", true)?;
        Ok(body.block(n))
    }

    fn define(
        &mut self,
        body: &mut Body,
        at: &Token,
        v: Value,
        def: ValueDef,
        ty: Type,
    ) -> Result<(), ParseError> {
        let i = v.index();
        if body.defined[i] {
            return Err(ParseError::new(
                at.line,
                at.col,
                format!("{v} is defined twice"),
            ));
        }
        body.defined[i] = true;
        body.values[i] = ValueData { def, ty };
        Ok(())
    }

    fn at_value(&self) -> bool {
        matches!(self.peek(), Tok::Word(w) if numbered(w, "v").is_some())
    }

    fn body(&mut self, f: &mut Function) -> Result<(), ParseError> {
        let mut body = Body::default();
        let mut cur: Option<Block> = None;
        loop {
            self.skip_newlines();
            if self.eat(&Tok::RBrace) {
                self.end_line()?;
                break;
            }
            if *self.peek() == Tok::Eof {
                return Err(self.expected("`}`"));
            }
            let is_header = matches!(self.peek(), Tok::Word(w) if numbered(w, "b").is_some());
            if is_header {
                let b = self.block_ref(&mut body)?;
                if body.headers[b.index()] {
                    return Err(self.err(format!("block {b} appears twice")));
                }
                body.headers[b.index()] = true;
                if self.eat(&Tok::LParen) {
                    loop {
                        let at = self.peek_token().clone();
                        let v = self.value(&mut body)?;
                        self.expect(Tok::Colon)?;
                        let ty = self.ty()?;
                        let n = body.blocks[b.index()].len() as u32;
                        self.define(&mut body, &at, v, ValueDef::Param(b, n), ty)?;
                        body.blocks[b.index()].push(v);
                        if self.eat(&Tok::RParen) {
                            break;
                        }
                        self.expect(Tok::Comma)?;
                    }
                }
                body.layout.append_block(b);
                if self.eat_word("cold") {
                    body.layout.cold[b.index()] = true;
                }
                self.expect(Tok::Colon)?;
                self.end_line()?;
                cur = Some(b);
            } else {
                let Some(b) = cur else {
                    return Err(self.expected("a block header (`b0:`)"));
                };
                let inst = self.inst(&mut body)?;
                body.layout.append_inst(b, inst);
            }
        }
        let n = body.blocks.len();
        body.layout.insts.resize(n, Vec::new());
        body.layout.cold.resize(n, false);
        f.spans = vec![Span::default(); body.insts.len()];
        f.dfg.insts = body.insts;
        f.dfg.values = body.values;
        f.dfg.blocks = body.blocks;
        f.layout = body.layout;
        Ok(())
    }

    fn inst(&mut self, body: &mut Body) -> Result<Inst, ParseError> {
        let inst = Inst::new(body.insts.len());
        let mut result = None;
        if self.at_value() && *self.peek2() == Tok::Colon {
            let at = self.peek_token().clone();
            let v = self.value(body)?;
            self.expect(Tok::Colon)?;
            let ty = self.ty()?;
            self.expect(Tok::Eq)?;
            self.define(body, &at, v, ValueDef::Result(inst), ty)?;
            result = Some(v);
        }
        let t = self.peek_token().clone();
        let name = self.word("an opcode")?;
        let op = Opcode::from_name(&name)
            .ok_or_else(|| ParseError::new(t.line, t.col, format!("unknown opcode `{name}`")))?;
        let imm = match self.peek() {
            Tok::Newline | Tok::Eof | Tok::Arrow => Imm::None,
            _ if self.at_value() => Imm::None,
            _ => {
                let imm = self.imm(op)?;
                self.eat(&Tok::Comma);
                imm
            }
        };
        let mut args = Vec::new();
        if self.at_value() {
            loop {
                args.push(self.value(body)?);
                if !self.eat(&Tok::Comma) {
                    break;
                }
            }
        }
        let mut dests = Vec::new();
        if self.eat(&Tok::Arrow) {
            loop {
                let block = self.block_ref(body)?;
                let mut bargs = Vec::new();
                if self.eat(&Tok::LParen) {
                    loop {
                        bargs.push(self.value(body)?);
                        if self.eat(&Tok::RParen) {
                            break;
                        }
                        self.expect(Tok::Comma)?;
                    }
                }
                dests.push(BlockCall { block, args: bargs });
                if !self.eat(&Tok::Comma) {
                    break;
                }
            }
        }
        self.end_line()?;
        body.insts.push(InstData {
            op,
            args,
            imm,
            dests,
            result,
        });
        Ok(inst)
    }

    fn imm(&mut self, op: Opcode) -> Result<Imm, ParseError> {
        let t = self.peek_token().clone();
        let bad = |msg: String| ParseError::new(t.line, t.col, msg);
        match t.tok {
            Tok::LBracket => {
                self.bump();
                let strings = op.imm() == ImmKind::SwitchStr;
                let (mut cases, mut labels) = (Vec::new(), Vec::new());
                if !self.eat(&Tok::RBracket) {
                    loop {
                        if strings {
                            labels.push(self.string("a switch label")?.into_boxed_slice());
                        } else {
                            cases.push(self.number::<i64>("a switch case")?);
                        }
                        if self.eat(&Tok::RBracket) {
                            break;
                        }
                        self.expect(Tok::Comma)?;
                    }
                }
                Ok(if strings {
                    Imm::SwitchStr(labels.into())
                } else {
                    Imm::Switch(cases.into())
                })
            }
            Tok::Str(s) => {
                if *self.peek2() == Tok::ColonColon {
                    let class = self.utf8_string("class name")?;
                    self.bump();
                    let member = self.utf8_string("member name")?;
                    return Ok(Imm::Member(class, member));
                }
                match op.imm() {
                    ImmKind::Name => self.utf8_string("name").map(Imm::Name),
                    ImmKind::Class => self.utf8_string("class name").map(Imm::Class),
                    _ => {
                        self.bump();
                        Ok(Imm::Str(s.into()))
                    }
                }
            }
            Tok::Number(n) => {
                self.bump();
                if is_int_literal(&n) && op.imm() != ImmKind::Float {
                    n.parse()
                        .map(Imm::Int)
                        .map_err(|_| bad(format!("integer `{n}` is out of range")))
                } else {
                    n.parse()
                        .map(Imm::Float)
                        .map_err(|_| bad(format!("bad number `{n}`")))
                }
            }
            Tok::Word(w) => {
                let verify = match w.as_str() {
                    "return" => Some(VerifyKind::Return),
                    "prop" => Some(VerifyKind::Prop),
                    "as" => Some(VerifyKind::As),
                    _ => numbered(&w, "param").map(VerifyKind::Param),
                };
                if let Some(kind) = verify {
                    self.bump();
                    let ty = self.ty()?;
                    let text = self.utf8_string("the hint text")?;
                    return Ok(Imm::Verify(kind, ty, text));
                }
                match w.as_str() {
                    "true" | "false" => {
                        self.bump();
                        Ok(Imm::Bool(w == "true"))
                    }
                    "NaN" | "inf" => {
                        self.bump();
                        Ok(Imm::Float(if w == "NaN" {
                            f64::NAN
                        } else {
                            f64::INFINITY
                        }))
                    }
                    _ if numbered(&w, "fn").is_some() => self.func_id().map(Imm::Func),
                    _ if w.starts_with(|c: char| c.is_ascii_uppercase() || c == '?') => {
                        let ty = self.ty()?;
                        if op.imm() != ImmKind::Guard {
                            return Ok(Imm::Type(ty));
                        }
                        let r = self.word("a resume point (`resume_start`, `resume_i3`)")?;
                        let resume = if r == "resume_start" {
                            crate::dfg::Resume::Start
                        } else {
                            let n = r
                                .strip_prefix("resume_")
                                .and_then(|i| numbered(i, "i"))
                                .ok_or_else(|| bad(format!("bad resume point `{r}`")))?;
                            crate::dfg::Resume::Before(crate::entities::Inst(n))
                        };
                        Ok(Imm::Guard(ty, resume))
                    }
                    _ => Err(bad(format!("unexpected `{w}` after `{}`", op.name()))),
                }
            }
            other => Err(bad(format!(
                "unexpected {} after `{}`",
                other.describe(),
                op.name()
            ))),
        }
    }
}

#[cfg(test)]
mod tests;
