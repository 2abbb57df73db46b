//! `SourceMap`: the names and texts of a program's source files, indexed by `Span::file`.

use crate::Span;
use std::ops::Range;
use std::path::Path;

/// The largest source file the front end reads: 256 MiB (spans are `u32` offsets, and a
/// program that large is no program).
pub const MAX_SOURCE: u64 = 256 << 20;

/// One source file.
#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    /// The text shown in diagnostics: the file's bytes, each byte of an invalid UTF-8 sequence
    /// and each control character shown as `?` (so that offsets are the same).
    text: String,
    /// The file's bytes when they differ from `text` (not valid UTF-8, as a Latin-1 string
    /// literal, or with control characters): what the lexer reads, as PHP and HHVM read source
    /// as bytes.
    raw: Option<Vec<u8>>,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

/// Owns every source file of a program; `Span::file` is an index into it.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its index.
    pub fn add(&mut self, name: String, text: String) -> u32 {
        self.add_bytes(name, text.into_bytes())
    }

    /// Adds a file of any bytes and returns its index. Diagnostics show each byte of an invalid
    /// UTF-8 sequence, and each ASCII control character but tab and line ends, as `?` (same
    /// offsets; raw control bytes would reach the terminal, and a caret cannot point at them).
    pub fn add_bytes(&mut self, name: String, raw: Vec<u8>) -> u32 {
        let shown = |c: char| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r');
        let (text, raw) = match String::from_utf8(raw) {
            Ok(text) if !text.contains(shown) => (text, None),
            Ok(text) => (text.replace(shown, "?"), Some(text.into_bytes())),
            Err(e) => {
                let raw = e.into_bytes();
                let mut text = String::with_capacity(raw.len());
                for chunk in raw.utf8_chunks() {
                    text.extend(
                        chunk
                            .valid()
                            .chars()
                            .map(|c| if shown(c) { '?' } else { c }),
                    );
                    text.extend(chunk.invalid().iter().map(|_| '?'));
                }
                (text, Some(raw))
            }
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.files.push(SourceFile {
            name,
            text,
            raw,
            line_starts,
        });
        (self.files.len() - 1) as u32
    }

    /// Reads a file from disk and adds it under its path; a file over [`MAX_SOURCE`] bytes (or
    /// an endless one: `/dev/zero`) is an error, read no further.
    pub fn load(&mut self, path: impl AsRef<Path>) -> std::io::Result<u32> {
        use std::io::Read;
        let path = path.as_ref();
        let mut bytes = Vec::new();
        std::fs::File::open(path)?
            .take(MAX_SOURCE + 1)
            .read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_SOURCE {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("larger than the limit of {MAX_SOURCE} bytes"),
            ));
        }
        Ok(self.add_bytes(path.display().to_string(), bytes))
    }

    /// The bytes of file `file`, as the lexer reads them (panics if there is no such file).
    pub fn bytes(&self, file: u32) -> &[u8] {
        let f = &self.files[file as usize];
        f.raw.as_deref().unwrap_or(f.text.as_bytes())
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The name of file `file` (panics if there is no such file).
    pub fn name(&self, file: u32) -> &str {
        &self.files[file as usize].name
    }

    /// The text of file `file` as diagnostics show it (panics if there is no such file).
    pub fn text(&self, file: u32) -> &str {
        &self.files[file as usize].text
    }

    /// The source text a span covers (empty if the span is out of range).
    pub fn snippet(&self, span: Span) -> &str {
        let text = self.text(span.file);
        let r = clamp(text, span.lo as usize..span.hi as usize);
        &text[r]
    }

    /// 1-based line and column (in characters) of the start of `span`.
    pub fn line_col(&self, span: Span) -> (usize, usize) {
        let f = &self.files[span.file as usize];
        let lo = clamp(&f.text, span.lo as usize..span.lo as usize).start;
        let line = f.line_starts.partition_point(|&s| s <= lo) - 1;
        let col = f.text[f.line_starts[line]..lo].chars().count();
        (line + 1, col + 1)
    }

    /// `span` clamped into its file's text and widened to char boundaries.
    pub(crate) fn clamp_span(&self, span: Span) -> Range<usize> {
        clamp(self.text(span.file), span.lo as usize..span.hi as usize)
    }
}

fn clamp(text: &str, r: Range<usize>) -> Range<usize> {
    let mut lo = r.start.min(text.len());
    let mut hi = r.end.clamp(lo, text.len());
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    lo..hi
}

impl<'a> codespan_reporting::files::Files<'a> for SourceMap {
    type FileId = u32;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: u32) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id as usize)
            .map(|f| f.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: u32) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id as usize)
            .map(|f| f.text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: u32,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let f = self
            .files
            .get(id as usize)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(f.line_starts.partition_point(|&s| s <= byte) - 1)
    }

    fn line_range(
        &'a self,
        id: u32,
        line: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let f = self
            .files
            .get(id as usize)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        let max = f.line_starts.len() - 1;
        let start = *f
            .line_starts
            .get(line)
            .ok_or(codespan_reporting::files::Error::LineTooLarge { given: line, max })?;
        let end = f.line_starts.get(line + 1).copied().unwrap_or(f.text.len());
        Ok(start..end)
    }
}
