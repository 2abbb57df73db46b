//! jsvm-jumpstart: the Jump-Start `.jsp` profile format, its validation, modes and policy
//! (Ottoni & Liu, "HHVM Jump-Start", CGO 2021).
//!
//! A *seeder* profiles a run and writes the whole-program [`jsvm_profiler::Profile`] to a file
//! ([`format`]: header first, bincode body, CRC-32 trailer; [`file::write_atomic`]); a
//! *consumer* loads it at start-up ([`file::load`]), keeps the records whose key — qualified
//! name plus IR hash ([`key`]) — matches the program ([`program::apply`]) and compiles those
//! functions at once. Any problem with the file is a [`ProfileError`]: one warning line and a
//! run without the profile, never a crash or a wrong answer. The [`mode::Mode`]s follow HHVM's
//! `JitSerdesMode`.
#![deny(missing_docs)]

pub mod checksum;
pub mod error;
pub mod file;
pub mod format;
pub mod key;
pub mod mode;
pub mod program;

pub use error::ProfileError;
pub use format::{
    BatchEstimate, Body, Expect, FuncRecord, Header, InlineDecision, JspFile, SpecDecision,
};
pub use mode::Mode;
