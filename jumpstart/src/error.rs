//! Why a Jump-Start profile was not used: one variant per way a `.jsp` file can fail to load.
//!
//! Every variant ends as one warning line and a run without the profile (or, in
//! `consume-or-fail`, a failure exit): never a crash, never a wrong answer.

/// A profile that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file does not exist (user error: wrong path, or no seeder ran yet).
    #[error("no profile file")]
    Missing,
    /// The output path names something other than a regular file (a device, a FIFO, a
    /// directory, a dangling link): a profile never replaces it (user error).
    #[error("{0} is not a regular file")]
    NotRegular(std::path::PathBuf),
    /// The output path names a file that is not a profile (a program's source given by
    /// mistake): a profile never replaces it (user error).
    #[error("{0} exists and is not a jsvm profile; it is not replaced")]
    NotAProfile(std::path::PathBuf),
    /// The output path's folder does not exist (user error).
    #[error("the folder of {0} does not exist")]
    NoFolder(std::path::PathBuf),
    /// The file could not be read or written (environment: permissions, disk full).
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The file ends before the lengths in its header say it should (a partial copy).
    #[error("truncated: {len} bytes, expected at least {expected}")]
    Truncated {
        /// Actual size.
        len: u64,
        /// Size the header announces.
        expected: u64,
    },
    /// The file has bytes after its trailer (corruption: an append or a botched copy).
    #[error("{extra} bytes after the trailer")]
    TrailingBytes {
        /// How many.
        extra: u64,
    },
    /// The file or a length in its header exceeds the decoder's limit (corruption or limit).
    #[error("{len} bytes exceed the limit of {limit}")]
    TooLarge {
        /// The size found.
        len: u64,
        /// The limit.
        limit: u64,
    },
    /// The file does not start with the `.jsp` magic (user error: not a profile).
    #[error("not a jsvm profile (bad magic)")]
    BadMagic,
    /// The file's format version is not the one this jsvm reads (limit: re-seed).
    #[error("profile format version {found}, expected {expected}")]
    Version {
        /// In the file.
        found: u32,
        /// Ours.
        expected: u32,
    },
    /// The profile was written by another jsvm build (limit: re-seed).
    #[error("written by jsvm {found}, this is jsvm {expected}")]
    JsvmVersion {
        /// In the file.
        found: String,
        /// Ours.
        expected: String,
    },
    /// The profile was written for another target triple (user error).
    #[error("profile for target {found}, this host is {expected}")]
    ForeignTarget {
        /// In the file.
        found: String,
        /// Ours.
        expected: String,
    },
    /// The profile belongs to another program (different entry point or source files).
    #[error("profile of another program (fingerprint {found:016x}, expected {expected:016x})")]
    StaleFingerprint {
        /// In the file.
        found: u64,
        /// Of the program being run.
        expected: u64,
    },
    /// The profile is older than its time-to-live (policy).
    #[error("profile is {age_secs} s old, time-to-live is {ttl_secs} s")]
    Expired {
        /// Age at load.
        age_secs: u64,
        /// The limit.
        ttl_secs: u64,
    },
    /// The trailer does not end with the end marker (corruption).
    #[error("the trailer's end marker is damaged")]
    EndMarker,
    /// The checksum trailer does not match the bytes (corruption).
    #[error("checksum mismatch (stored {stored:08x}, computed {computed:08x})")]
    Checksum {
        /// In the trailer.
        stored: u32,
        /// Of the bytes.
        computed: u32,
    },
    /// The header or body does not decode (corruption that kept the checksum, or a jsvm bug).
    #[error("cannot decode: {}", decode_reason(.0))]
    Decode(#[from] bincode::error::DecodeError),
    /// The profile could not be encoded (jsvm bug).
    #[error("cannot encode: {0}")]
    Encode(#[from] bincode::error::EncodeError),
    /// The seeder's file loaded back with fewer matching functions than it wrote (jsvm bug:
    /// function keys are not stable).
    #[error("{written} functions written, {loaded} matched after reload")]
    KeyMismatch {
        /// Written.
        written: usize,
        /// Matched on reload.
        loaded: usize,
    },
    /// The seeder's own file did not load back through the consumer's path (jsvm bug); the
    /// file was not published.
    #[error("self-test failed, profile not published: {0}")]
    SelfTest(Box<ProfileError>),
}

/// What a decode error means for a reader of the one-line warning (bincode's own text is a
/// debug dump of its error value).
fn decode_reason(e: &bincode::error::DecodeError) -> &'static str {
    use bincode::error::DecodeError as D;
    match e {
        D::UnexpectedEnd { .. } => "the file ends inside a field (truncated or corrupt)",
        D::LimitExceeded => "a length is over the decoder's size limit (corrupt)",
        D::Utf8 { .. } => "a name is not valid UTF-8 (corrupt)",
        D::InvalidIntegerType { .. }
        | D::InvalidBooleanValue(_)
        | D::UnexpectedVariant { .. }
        | D::InvalidCharEncoding(_) => "a field holds an invalid value (corrupt)",
        _ => "the body is malformed (corrupt)",
    }
}
