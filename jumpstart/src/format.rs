//! The `.jsp` file layout, its encoder and its validating, size-limited decoder.
//!
//! ```text
//! offset  size  field
//! 0       8     magic  b"JSVMPROF"
//! 8       4     format version (u32 LE): checked before anything else is decoded
//! 12      4     header length H (u32 LE, at most MAX_HEADER)
//! 16      8     body length B (u64 LE, at most MAX_BODY)
//! 24      H     header (bincode, serde): jsvm version, target, fingerprint, host, tag, time
//! 24+H    B     body (bincode, serde): per-function records keyed by qualified name
//! 24+H+B  4     CRC-32 of bytes [0, 24+H+B) (u32 LE)
//! 28+H+B  4     end marker b"JSPE"
//! ```
//! Encoding is deterministic: every map is a `BTreeMap`, so the same profile gives the same
//! bytes. Everything is symbolic (function names, IR instruction ids), never an address.

use crate::checksum::crc32;
use crate::error::ProfileError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The first eight bytes of every profile.
pub const MAGIC: [u8; 8] = *b"JSVMPROF";
/// The end marker after the checksum.
pub const END: [u8; 4] = *b"JSPE";
/// The format version this jsvm writes and reads.
pub const FORMAT_VERSION: u32 = 3;
/// Bytes before the header.
pub const PREFIX: usize = 24;
/// Bytes of the trailer.
pub const TRAILER: usize = 8;
/// Largest header the decoder accepts.
pub const MAX_HEADER: u64 = 64 << 10;
/// Largest body the decoder accepts (and so the largest file it reads).
pub const MAX_BODY: u64 = 256 << 20;

/// Who wrote the profile, for what, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// `CARGO_PKG_VERSION` of the seeder.
    pub jsvm_version: String,
    /// The seeder's target triple.
    pub target: String,
    /// The program's fingerprint (`key::fingerprint`).
    pub fingerprint: u64,
    /// The seeder's host name.
    pub seeder_host: String,
    /// A free tag (`--jumpstart-tag`), e.g. a release name.
    pub tag: String,
    /// Creation time, seconds since the Unix epoch.
    pub created_unix: u64,
    /// How many seeding runs were summed.
    pub runs: u32,
}

/// The profile of one function, keyed in [`Body::funcs`] by its qualified name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FuncRecord {
    /// Hash of the function's baseline IR (`key::ir_hash`): the rest of its key.
    pub ir_hash: u64,
    /// The counters (entries, loop iterations, branches, call sites and targets, type
    /// histograms, guard failures), by IR entity ids.
    pub profile: jsvm_profiler::FuncProfile,
    /// The seeder's hot/cold plan: blocks in the function.
    pub blocks: u32,
    /// The seeder's hot/cold plan: blocks below the cold threshold.
    pub cold_blocks: u32,
}

/// One inlining decision of the seeder (for `profile-info`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineDecision {
    /// The caller.
    pub caller: String,
    /// The call instruction id in the caller.
    pub site: u32,
    /// The callee.
    pub callee: String,
    /// Inlined or why not.
    pub decision: String,
}

/// One speculation decision of the seeder (for `profile-info`): a type-profiled value and
/// whether compiled code guards it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecDecision {
    /// The function.
    pub func: String,
    /// The IR value.
    pub value: u32,
    /// The dominant type (`int`, `float`, `bool`, `other`).
    pub kind: String,
    /// Samples, and how many had the dominant type.
    pub samples: (u64, u64),
    /// Guarded, or why not.
    pub decision: String,
}

/// The body: per-function records and the seeder's layout decisions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Per function, by qualified name.
    pub funcs: BTreeMap<String, FuncRecord>,
    /// The seeder's C3 function order (informational: the consumer recomputes it).
    pub order: Vec<String>,
    /// The seeder's inlining decisions (informational).
    pub inlining: Vec<InlineDecision>,
    /// The seeder's speculation decisions (informational).
    pub speculation: Vec<SpecDecision>,
    /// The batch a consumer with the default flags compiles, as the seeder works it out: such a
    /// consumer of an unchanged program takes it as it is; any other computes its own.
    pub batch: BatchEstimate,
}

/// A consumer's batch as the seeder works it out (for `profile-info` and default consumers), by
/// qualified name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchEstimate {
    /// The functions compiled.
    pub compiled: Vec<String>,
    /// Hot functions every call of which is inlined into the compiled ones.
    pub inlined: Vec<String>,
    /// Hot functions whose work the compiled ones do inlined, left to the interpreter.
    pub not_hot: Vec<String>,
}

/// A whole profile file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JspFile {
    /// The header.
    pub header: Header,
    /// The body.
    pub body: Body,
}

/// What the consumer requires of a profile's header.
#[derive(Clone, Debug)]
pub struct Expect {
    /// Our jsvm version.
    pub jsvm_version: String,
    /// Our target triple.
    pub target: String,
    /// The fingerprint of the program being run (`None`: accept any, for `profile-info`).
    pub fingerprint: Option<u64>,
    /// Now, seconds since the Unix epoch.
    pub now_unix: u64,
    /// Time-to-live in seconds (`None`: no limit).
    pub ttl_secs: Option<u64>,
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard()
        .with_little_endian()
        .with_fixed_int_encoding()
        .with_limit::<{ MAX_BODY as usize }>()
}

/// Encode `file` (deterministic bytes).
pub fn encode(file: &JspFile) -> Result<Vec<u8>, ProfileError> {
    let header = bincode::serde::encode_to_vec(&file.header, config())?;
    let body = bincode::serde::encode_to_vec(&file.body, config())?;
    let mut out = Vec::with_capacity(PREFIX + header.len() + body.len() + TRAILER);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&body);
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&END);
    Ok(out)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

/// Decode only the header, after checking magic, version, lengths and checksum.
pub fn decode_header(bytes: &[u8]) -> Result<(Header, &[u8]), ProfileError> {
    let len = bytes.len() as u64;
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) && !bytes.is_empty() {
            ProfileError::Truncated {
                len,
                expected: (PREFIX + TRAILER) as u64,
            }
        } else {
            ProfileError::BadMagic
        });
    }
    if bytes[..8] != MAGIC {
        return Err(ProfileError::BadMagic);
    }
    if bytes.len() < PREFIX {
        return Err(ProfileError::Truncated {
            len,
            expected: (PREFIX + TRAILER) as u64,
        });
    }
    let version = u32_at(bytes, 8);
    if version != FORMAT_VERSION {
        return Err(ProfileError::Version {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let hlen = u32_at(bytes, 12) as u64;
    let blen = u64::from_le_bytes(bytes[16..24].try_into().expect("8 bytes"));
    if hlen > MAX_HEADER {
        return Err(ProfileError::TooLarge {
            len: hlen,
            limit: MAX_HEADER,
        });
    }
    if blen > MAX_BODY {
        return Err(ProfileError::TooLarge {
            len: blen,
            limit: MAX_BODY,
        });
    }
    let total = PREFIX as u64 + hlen + blen + TRAILER as u64;
    if len < total {
        return Err(ProfileError::Truncated {
            len,
            expected: total,
        });
    }
    if len > total {
        return Err(ProfileError::TrailingBytes { extra: len - total });
    }
    let crc_at = (total as usize) - TRAILER;
    let stored = u32_at(bytes, crc_at);
    let computed = crc32(&bytes[..crc_at]);
    if bytes[crc_at + 4..] != END {
        return Err(ProfileError::EndMarker);
    }
    if stored != computed {
        return Err(ProfileError::Checksum { stored, computed });
    }
    let hend = PREFIX + hlen as usize;
    let (header, used) =
        bincode::serde::decode_from_slice::<Header, _>(&bytes[PREFIX..hend], config())?;
    if used != hlen as usize {
        return Err(ProfileError::TrailingBytes {
            extra: hlen - used as u64,
        });
    }
    Ok((header, &bytes[hend..crc_at]))
}

/// Decode and validate a whole file against `expect`: format, checksum, then the header's
/// jsvm version, target, fingerprint and age, then the body. The body is decoded only when the
/// header is acceptable.
pub fn decode(bytes: &[u8], expect: &Expect) -> Result<JspFile, ProfileError> {
    let (header, body_bytes) = decode_header(bytes)?;
    if header.jsvm_version != expect.jsvm_version {
        return Err(ProfileError::JsvmVersion {
            found: header.jsvm_version,
            expected: expect.jsvm_version.clone(),
        });
    }
    if header.target != expect.target {
        return Err(ProfileError::ForeignTarget {
            found: header.target,
            expected: expect.target.clone(),
        });
    }
    if let Some(fp) = expect.fingerprint {
        if header.fingerprint != fp {
            return Err(ProfileError::StaleFingerprint {
                found: header.fingerprint,
                expected: fp,
            });
        }
    }
    if let Some(ttl) = expect.ttl_secs {
        // A profile from the future (clock skew) counts as new.
        let age = expect.now_unix.saturating_sub(header.created_unix);
        if age > ttl {
            return Err(ProfileError::Expired {
                age_secs: age,
                ttl_secs: ttl,
            });
        }
    }
    let (body, used) = bincode::serde::decode_from_slice::<Body, _>(body_bytes, config())?;
    if used != body_bytes.len() {
        return Err(ProfileError::TrailingBytes {
            extra: (body_bytes.len() - used) as u64,
        });
    }
    Ok(JspFile { header, body })
}
