//! `--flag value` and `--flag=value` pairs read one at a time: the shape both argv grammars
//! (a capability's, the modes') share. Values stay `OsString`, so a request given inline
//! keeps its bytes even when they are not UTF-8.

use std::ffi::OsString;

/// The flags after a command.
pub(super) struct Flags<'a> {
    rest: std::slice::Iter<'a, OsString>,
    current: String,
    attached: Option<String>,
}

impl<'a> Flags<'a> {
    pub(super) fn new(args: &'a [OsString]) -> Self {
        Flags {
            rest: args.iter(),
            current: String::new(),
            attached: None,
        }
    }

    /// The next flag's name (`--json` of `--json=...`), or `None` at the end.
    pub(super) fn next_flag(&mut self) -> Option<String> {
        let arg = self.rest.next()?;
        self.current = arg.to_string_lossy().into_owned();
        let (flag, attached) = match self.current.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.into())),
            _ => (self.current.clone(), None),
        };
        self.attached = attached;
        Some(flag)
    }

    /// The value of `flag`: the part after `=`, or the next argument.
    pub(super) fn value(&mut self, flag: &str) -> Result<OsString, String> {
        match self.attached.take() {
            Some(value) => Ok(value.into()),
            None => self
                .rest
                .next()
                .cloned()
                .ok_or_else(|| format!("argument {flag}: expected one argument")),
        }
    }

    /// The refusal of the argument just read.
    pub(super) fn unrecognized(&self) -> String {
        format!("unrecognized arguments: {}", self.current)
    }
}
