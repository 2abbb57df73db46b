//! The Hack prelude compiled with every program: `Throwable`, `Exception`, `Error` and the
//! built-in exception classes of LANGUAGE.md (the hierarchy comes from `ExnClass`).

use crate::error::ExnClass;

const BASE: &str = r#"
interface Throwable {}
"#;

fn base_class(name: &str) -> String {
    format!(
        r#"class {name} implements Throwable {{
  protected string $message = "";
  protected int $code = 0;
  protected ?Throwable $previous = null;
  public function __construct(string $message = "", int $code = 0, ?Throwable $previous = null) {{
    // As HHVM's: a subclass that redeclares $message or $code with a default keeps it when
    // the argument is the default.
    if ($message !== "" || $this->message === "") {{ $this->message = $message; }}
    if ($code !== 0 || $this->code === 0) {{ $this->code = $code; }}
    $this->previous = $previous;
  }}
  public function getMessage(): string {{ return $this->message; }}
  public function getCode(): int {{ return $this->code; }}
  public function getPrevious(): ?Throwable {{ return $this->previous; }}
}}
"#
    )
}

fn short(c: ExnClass) -> &'static str {
    let n = c.name();
    n.strip_prefix("HH\\").unwrap_or(n)
}

/// The prelude's source text.
pub fn source() -> String {
    let mut s = String::from("<?hh\n");
    s.push_str(BASE);
    for c in ExnClass::ALL {
        match c.parent() {
            None => s.push_str(&base_class(short(c))),
            Some(p) => s.push_str(&format!("class {} extends {} {{}}\n", short(c), short(p))),
        }
    }
    s
}

/// The file name the prelude is given in diagnostics.
pub const FILE_NAME: &str = "<prelude>.hack";

/// How many classes the prelude declares (they come first in the module).
pub fn class_count() -> usize {
    1 + ExnClass::ALL.len()
}
