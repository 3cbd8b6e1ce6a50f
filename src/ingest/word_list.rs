//! Word lists compiled in from `data/*.txt`: one word or phrase per line; blank
//! lines and lines starting with `#` are skipped; a phrase in double quotes keeps
//! its surrounding spaces (`"most "` does not match "mostly").

/// The phrases of a list file, in file order.
pub fn phrases(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(l)
        })
}

/// A list for exact, case-sensitive membership tests (sorted, binary search).
pub struct WordSet(Vec<&'static str>);

impl WordSet {
    pub fn new(src: &'static str) -> WordSet {
        let mut words: Vec<&'static str> = phrases(src).collect();
        words.sort_unstable();
        words.dedup();
        WordSet(words)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.0.binary_search(&word).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blanks_and_quoted_spaces() {
        let src = "# A header\n\nword\n  two words \n\"most \"\n\"\"\n";
        assert_eq!(
            phrases(src).collect::<Vec<_>>(),
            ["word", "two words", "most ", ""]
        );
        let set = WordSet::new("b\na\nb\n");
        assert!(set.contains("a") && set.contains("b") && !set.contains("c"));
    }
}
