//! Roles and policy, after HHVM's `JitSerdesMode`: what a process does with its profile file.

use std::fmt;
use std::str::FromStr;

/// The environment variable that turns Jump-Start off whatever the command line says.
pub const KILL_SWITCH: &str = "JSVM_JUMPSTART_OFF";
/// Default time-to-live of a profile: 24 hours.
pub const DEFAULT_TTL_SECS: u64 = 24 * 3600;

/// What a process does with its profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// No profile is read or written.
    Off,
    /// Profile the run and write the profile at exit.
    Seed,
    /// Use the profile if it is valid, else warn and run without it.
    Consume,
    /// Use the profile; if it is not valid, warn and exit with a failure.
    ConsumeOrFail,
    /// Use the profile if it is valid, else run as a seeder and write one.
    ConsumeOrGenerate,
}

impl Mode {
    /// All modes with their command-line names.
    pub const ALL: [(Mode, &'static str); 5] = [
        (Mode::Off, "off"),
        (Mode::Seed, "seed"),
        (Mode::Consume, "consume"),
        (Mode::ConsumeOrFail, "consume-or-fail"),
        (Mode::ConsumeOrGenerate, "consume-or-generate"),
    ];

    /// Whether the mode reads a profile.
    pub fn consumes(self) -> bool {
        matches!(
            self,
            Mode::Consume | Mode::ConsumeOrFail | Mode::ConsumeOrGenerate
        )
    }

    /// The mode after the kill switch: `Off` when `kill_switch` holds a value other than
    /// empty or `0`.
    pub fn with_kill_switch(self, kill_switch: Option<&str>) -> Mode {
        match kill_switch {
            Some(v) if !v.is_empty() && v != "0" => Mode::Off,
            _ => self,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = Mode::ALL.iter().find(|m| m.0 == *self).map_or("?", |m| m.1);
        f.write_str(name)
    }
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Mode, String> {
        Mode::ALL
            .iter()
            .find(|m| m.1 == s)
            .map(|m| m.0)
            .ok_or_else(|| {
                let all: Vec<&str> = Mode::ALL.iter().map(|m| m.1).collect();
                format!("unknown jump-start mode {s:?} (one of: {})", all.join(", "))
            })
    }
}

/// Parse a duration such as `3600`, `90s`, `30m`, `24h` or `7d` into seconds.
pub fn parse_ttl(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: u64 = num.parse().map_err(|_| format!("bad duration {s:?}"))?;
    let mul = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return Err(format!("bad duration unit in {s:?} (use s, m, h or d)")),
    };
    n.checked_mul(mul)
        .ok_or_else(|| format!("duration {s:?} too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_round_trip_and_kill_switch() {
        for (m, name) in Mode::ALL {
            assert_eq!(name.parse::<Mode>().unwrap(), m);
            assert_eq!(m.to_string(), name);
        }
        assert!("nope".parse::<Mode>().is_err());
        assert_eq!(Mode::Consume.with_kill_switch(Some("1")), Mode::Off);
        assert_eq!(Mode::Seed.with_kill_switch(Some("0")), Mode::Seed);
        assert_eq!(Mode::Seed.with_kill_switch(None), Mode::Seed);
    }

    #[test]
    fn ttl() {
        assert_eq!(parse_ttl("24h").unwrap(), 86400);
        assert_eq!(parse_ttl("90").unwrap(), 90);
        assert_eq!(parse_ttl("2d").unwrap(), 172800);
        assert!(parse_ttl("5y").is_err());
        assert!(parse_ttl("h").is_err());
    }
}
