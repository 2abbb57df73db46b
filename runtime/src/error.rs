//! Runtime errors: Hack exceptions thrown by the runtime (`RuntimeError::Throw`), exception objects, `exit()` and fatals; and the built-in exception classes.
//!
//! `Result<T, RuntimeError>` is on every helper's hot path, so `RuntimeError`
//! is kept at 24 bytes (messages are `Box<str>`; asserted in a test).

use crate::value::TypedValue;
use std::fmt;

/// The built-in exception classes of LANGUAGE.md, plus the HHVM/PHP classes in their hierarchy.
///
/// The hierarchy follows HHVM's systemlib (which follows PHP's SPL):
/// - `Exception`: `LogicException`, `RuntimeException`, `DivisionByZeroException`
///   (HHVM: extends `Exception`, not `ArithmeticError`), `TypeAssertionException`,
///   `HH\InvariantException`;
/// - `LogicException`: `BadFunctionCallException` (→ `BadMethodCallException`),
///   `DomainException`, `InvalidArgumentException`, `LengthException`, `OutOfRangeException`;
/// - `RuntimeException`: `OutOfBoundsException`, `OverflowException`, `RangeException`,
///   `UnderflowException`, `UnexpectedValueException`, `InvalidOperationException`;
/// - `Error`: `TypeError` (→ `ArgumentCountError`), `ArithmeticError` (→ `DivisionByZeroError`), `AssertionError`.
///
/// `Exception` and `Error` are roots (both implement `Throwable`, which is an interface).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExnClass {
    /// `Exception`.
    Exception,
    /// `Error`.
    Error,
    /// `TypeError extends Error`.
    TypeError,
    /// `ArgumentCountError extends TypeError`.
    ArgumentCountError,
    /// `ArithmeticError extends Error` (e.g. `intdiv(PHP_INT_MIN, -1)`).
    ArithmeticError,
    /// `DivisionByZeroError extends ArithmeticError` (PHP's; jsvm throws `DivisionByZeroException`).
    DivisionByZeroError,
    /// `AssertionError extends Error`.
    AssertionError,
    /// `LogicException extends Exception`.
    LogicException,
    /// `BadFunctionCallException extends LogicException`.
    BadFunctionCallException,
    /// `BadMethodCallException extends BadFunctionCallException`.
    BadMethodCallException,
    /// `DomainException extends LogicException`.
    DomainException,
    /// `InvalidArgumentException extends LogicException`.
    InvalidArgumentException,
    /// `LengthException extends LogicException`.
    LengthException,
    /// `OutOfRangeException extends LogicException`.
    OutOfRangeException,
    /// `RuntimeException extends Exception`.
    RuntimeException,
    /// `OutOfBoundsException extends RuntimeException`.
    OutOfBoundsException,
    /// `OverflowException extends RuntimeException`.
    OverflowException,
    /// `RangeException extends RuntimeException`.
    RangeException,
    /// `UnderflowException extends RuntimeException`.
    UnderflowException,
    /// `UnexpectedValueException extends RuntimeException`.
    UnexpectedValueException,
    /// `InvalidOperationException extends RuntimeException` (HHVM).
    InvalidOperationException,
    /// `DivisionByZeroException extends Exception` (HHVM: `/`, `%`, `intdiv` by zero).
    DivisionByZeroException,
    /// `TypeAssertionException extends Exception` (a failed `as`).
    TypeAssertionException,
    /// `HH\InvariantException extends Exception` (`invariant()`).
    InvariantException,
}

impl ExnClass {
    /// Every class, parents before children.
    pub const ALL: [ExnClass; 24] = [
        ExnClass::Exception,
        ExnClass::Error,
        ExnClass::TypeError,
        ExnClass::ArgumentCountError,
        ExnClass::ArithmeticError,
        ExnClass::DivisionByZeroError,
        ExnClass::AssertionError,
        ExnClass::LogicException,
        ExnClass::BadFunctionCallException,
        ExnClass::BadMethodCallException,
        ExnClass::DomainException,
        ExnClass::InvalidArgumentException,
        ExnClass::LengthException,
        ExnClass::OutOfRangeException,
        ExnClass::RuntimeException,
        ExnClass::OutOfBoundsException,
        ExnClass::OverflowException,
        ExnClass::RangeException,
        ExnClass::UnderflowException,
        ExnClass::UnexpectedValueException,
        ExnClass::InvalidOperationException,
        ExnClass::DivisionByZeroException,
        ExnClass::TypeAssertionException,
        ExnClass::InvariantException,
    ];

    /// The Hack class name as `get_class` prints it (`HH\InvariantException` is namespaced).
    pub fn name(self) -> &'static str {
        match self {
            ExnClass::Exception => "Exception",
            ExnClass::Error => "Error",
            ExnClass::TypeError => "TypeError",
            ExnClass::ArgumentCountError => "ArgumentCountError",
            ExnClass::ArithmeticError => "ArithmeticError",
            ExnClass::DivisionByZeroError => "DivisionByZeroError",
            ExnClass::AssertionError => "AssertionError",
            ExnClass::LogicException => "LogicException",
            ExnClass::BadFunctionCallException => "BadFunctionCallException",
            ExnClass::BadMethodCallException => "BadMethodCallException",
            ExnClass::DomainException => "DomainException",
            ExnClass::InvalidArgumentException => "InvalidArgumentException",
            ExnClass::LengthException => "LengthException",
            ExnClass::OutOfRangeException => "OutOfRangeException",
            ExnClass::RuntimeException => "RuntimeException",
            ExnClass::OutOfBoundsException => "OutOfBoundsException",
            ExnClass::OverflowException => "OverflowException",
            ExnClass::RangeException => "RangeException",
            ExnClass::UnderflowException => "UnderflowException",
            ExnClass::UnexpectedValueException => "UnexpectedValueException",
            ExnClass::InvalidOperationException => "InvalidOperationException",
            ExnClass::DivisionByZeroException => "DivisionByZeroException",
            ExnClass::TypeAssertionException => "TypeAssertionException",
            ExnClass::InvariantException => "HH\\InvariantException",
        }
    }

    /// The class for a name (with or without a leading `\`; `InvariantException` also matches without `HH\`).
    pub fn from_name(name: &str) -> Option<ExnClass> {
        let name = name.strip_prefix('\\').unwrap_or(name);
        if name.eq_ignore_ascii_case("InvariantException") {
            return Some(ExnClass::InvariantException);
        }
        ExnClass::ALL
            .into_iter()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }

    /// The parent class; `None` for the roots `Exception` and `Error`.
    pub fn parent(self) -> Option<ExnClass> {
        use ExnClass::*;
        Some(match self {
            Exception | Error => return None,
            TypeError | ArithmeticError | AssertionError => Error,
            ArgumentCountError => TypeError,
            DivisionByZeroError => ArithmeticError,
            LogicException
            | RuntimeException
            | DivisionByZeroException
            | TypeAssertionException
            | InvariantException => Exception,
            BadFunctionCallException
            | DomainException
            | InvalidArgumentException
            | LengthException
            | OutOfRangeException => LogicException,
            BadMethodCallException => BadFunctionCallException,
            OutOfBoundsException
            | OverflowException
            | RangeException
            | UnderflowException
            | UnexpectedValueException
            | InvalidOperationException => RuntimeException,
        })
    }

    /// True if `self` is `other` or a subclass of it (what `catch (other $e)` matches).
    pub fn is_a(self, other: ExnClass) -> bool {
        let mut c = Some(self);
        while let Some(k) = c {
            if k == other {
                return true;
            }
            c = k.parent();
        }
        false
    }
}

impl fmt::Display for ExnClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An abnormal end of a runtime operation.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// A Hack exception of a built-in class raised by the runtime (division by
    /// zero, a bad argument, a missing key, ...). A **user error**: catchable by
    /// Hack code once the interpreter materializes it as an object.
    #[error("{class}: {message}")]
    Throw {
        /// The exception class.
        class: ExnClass,
        /// `getMessage()`.
        message: Box<str>,
    },
    /// A materialized Hack exception object (owned), thrown by `throw` or
    /// re-thrown. A **user error** (uncaught: `Fatal error: Uncaught ...`).
    #[error("uncaught exception object")]
    Object(TypedValue),
    /// `exit(code)`: ends the request at once, without running `finally`. Not an error.
    #[error("exit({0})")]
    Exit(i32),
    /// A fatal error that Hack code cannot catch: a **limit** (stack overflow,
    /// memory, time-out) or a **jsvm bug** (an unsupported construct, a broken invariant).
    #[error("fatal error: {0}")]
    Fatal(Box<str>),
}

impl RuntimeError {
    /// A `Throw` of `class` with `message`.
    #[cold]
    pub fn throw(class: ExnClass, message: impl Into<String>) -> RuntimeError {
        RuntimeError::Throw {
            class,
            message: message.into().into_boxed_str(),
        }
    }
    /// `TypeError(message)`.
    #[cold]
    pub fn type_error(message: impl Into<String>) -> RuntimeError {
        RuntimeError::throw(ExnClass::TypeError, message)
    }
    /// `DivisionByZeroException("Division by zero")`.
    #[cold]
    pub fn division_by_zero() -> RuntimeError {
        RuntimeError::throw(ExnClass::DivisionByZeroException, "Division by zero")
    }
    /// A `Fatal`.
    #[cold]
    pub fn fatal(message: impl Into<String>) -> RuntimeError {
        RuntimeError::Fatal(message.into().into_boxed_str())
    }
    /// The class and message of a `Throw`.
    pub fn as_throw(&self) -> Option<(ExnClass, &str)> {
        match self {
            RuntimeError::Throw { class, message } => Some((*class, message)),
            _ => None,
        }
    }
}

/// Shorthand for runtime results.
pub type RtResult<T> = Result<T, RuntimeError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small() {
        assert!(std::mem::size_of::<RuntimeError>() <= 24);
        assert!(std::mem::size_of::<Result<TypedValue, RuntimeError>>() <= 24);
    }

    #[test]
    fn hierarchy() {
        use ExnClass::*;
        assert!(ArgumentCountError.is_a(TypeError));
        assert!(ArgumentCountError.is_a(Error));
        assert!(!TypeError.is_a(Exception));
        assert!(DivisionByZeroException.is_a(Exception));
        assert!(OutOfBoundsException.is_a(RuntimeException));
        assert!(InvalidArgumentException.is_a(LogicException));
        assert!(BadMethodCallException.is_a(LogicException));
        assert!(InvariantException.is_a(Exception));
        assert_eq!(InvariantException.name(), "HH\\InvariantException");
        assert_eq!(
            ExnClass::from_name("\\HH\\InvariantException"),
            Some(InvariantException)
        );
        for c in ExnClass::ALL {
            assert_eq!(ExnClass::from_name(c.name()), Some(c));
            assert!(c.is_a(Exception) != c.is_a(Error));
        }
        let e = RuntimeError::division_by_zero();
        assert_eq!(e.to_string(), "DivisionByZeroException: Division by zero");
    }
}
