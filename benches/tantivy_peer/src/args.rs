//! A minimal command line: positional arguments, `--flag` and `--option VALUE`.
//! (A benchmark helper; no argument-parsing crate, to keep its build small.)

/// Options that take a value; every other `--name` is a switch.
const VALUED: [&str; 6] = [
    "--threads",
    "--memory-mb",
    "--truth",
    "--facet",
    "--runs",
    "--read-threads",
];
const SWITCHES: [&str; 2] = ["--store", "--count"];

pub struct Args {
    pub positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    pub fn parse(argv: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut argv = argv.peekable();
        let (mut positional, mut options) = (Vec::new(), Vec::new());
        while let Some(arg) = argv.next() {
            if VALUED.contains(&arg.as_str()) {
                let value = argv.next().ok_or_else(|| format!("{arg} needs a value"))?;
                options.push((arg, Some(value)));
            } else if SWITCHES.contains(&arg.as_str()) {
                options.push((arg, None));
            } else if arg.starts_with("--") {
                return Err(format!("unknown option {arg}"));
            } else {
                positional.push(arg);
            }
        }
        Ok(Args {
            positional,
            options,
        })
    }

    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// A positive whole number, or `default` when the option is absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{name} {v}: expected a positive whole number")),
        }
    }

    /// Exactly `n` positional arguments, named for the error message.
    pub fn positional(&self, names: &[&str]) -> Result<&[String], String> {
        if self.positional.len() != names.len() {
            return Err(format!(
                "expected {} (got {} arguments)",
                names.join(" "),
                self.positional.len()
            ));
        }
        Ok(&self.positional)
    }
}
