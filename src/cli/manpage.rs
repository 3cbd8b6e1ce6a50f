//! The man page, generated from the clap definitions (`ofsearch man`).
//!
//! One page holds everything: clap_mangen renders the title, synopsis, description
//! and global options, then each command gets its own subsection with its usage and
//! options (so the page never points at `ofsearch-search(1)` pages that are not
//! installed), followed by the query language, exit status, environment and files.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;

use super::args::Cli;
use crate::help;

/// Sections written by hand (roff), after the commands and the query language.
const TAIL: &str = r#".SH EXIT STATUS
.TP
\fB0\fR
at least one hit, or a command that succeeded
.TP
\fB1\fR
a search (or timeline, trend) with no hit
.TP
\fB2\fR
an error: one line on stderr, \fBofsearch: error: ...\fR
.SH ENVIRONMENT
.TP
\fBOFSEARCH_INDEX\fR
the index directory (\fB\-\-index\fR), default \fIindex\fR
.TP
\fBOFSEARCH_CORPUS\fR
corpus folders, separated by \fB:\fR (\fB\-\-corpus\fR), default \fIcorpus\fR
.TP
\fBOFSEARCH_LOCK_WAIT\fR
seconds \fBindex\fR waits for another run's lock (\fB\-\-lock\-wait\fR)
.TP
\fBOFSEARCH_WRITER_THREADS\fR, \fBOFSEARCH_WRITER_MB\fR
tantivy writer threads and memory budget while indexing
.TP
\fBNO_COLOR\fR
no colour, even on a terminal
.SH FILES
.TP
\fIindex/CURRENT\fR
names the live index generation; \fBindex\fR writes a new generation or commits to the
live one and switches atomically, so readers and crashes see the old or the new index.
.SH EXAMPLES
.nf
ofsearch "chronic neglect" \-\-facet year
ofsearch care leavers \-\-kind ilacs \-\-facet judgement \-\-json
ofsearch index \-\-corpus letters/ \-\-quiet \-\-json
ofsearch timeline Wakefield
ofsearch trend "chronic neglect" \-\-by academic\-year \-\-svg trend.svg
.fi
"#;

/// Write the man page.
pub fn render(out: &mut dyn Write) -> io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        writeln!(out, ".SS \"ofsearch {name}\"")?;
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            writeln!(out, "{}", escape(&about.to_string()))?;
        }
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ");
        writeln!(out, ".PP\n\\fB{}\\fR", escape(usage))?;
        // The global options are listed once, at the top.
        let own = ["index", "color", "help", "version"]
            .into_iter()
            .filter(|id| sub.get_arguments().any(|a| a.get_id() == *id))
            .fold(sub.clone(), |c, id| c.mut_arg(id, |a| a.hide(true)));
        let mut options = Vec::new();
        Man::new(own).render_options_section(&mut options)?;
        let options = String::from_utf8_lossy(&options);
        // The command's options under its own subsection, not a second OPTIONS heading.
        for line in options.lines().filter(|l| !l.starts_with(".SH ")) {
            writeln!(out, "{line}")?;
        }
    }
    query_language(out)?;
    out.write_all(TAIL.as_bytes())?;
    man.render_version_section(out)?;
    Ok(())
}

/// The QUERY LANGUAGE section, from `crate::help`.
fn query_language(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, ".SH QUERY LANGUAGE")?;
    for c in help::QUERY_LANGUAGE {
        let examples: Vec<String> = c
            .examples
            .iter()
            .map(|e| format!("\\fB{}\\fR", escape(e)))
            .collect();
        writeln!(out, ".TP\n{}\n{}", examples.join(", "), escape(c.meaning))?;
    }
    for note in [help::fields(), help::ONE_RULE.to_string(), help::limits()] {
        writeln!(out, ".PP\n{}", escape(&note))?;
    }
    Ok(())
}

/// Escape text for roff: backslashes, hyphens, and a leading dot or quote.
fn escape(s: &str) -> String {
    let body = s.replace('\\', "\\e").replace('-', "\\-");
    match body.chars().next() {
        Some('.' | '\'') => format!("\\&{body}"),
        _ => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_with_every_command_and_no_missing_references() {
        let mut page = Vec::new();
        render(&mut page).expect("render");
        let page = String::from_utf8(page).expect("utf8");
        for section in [
            ".SH SYNOPSIS",
            ".SH COMMANDS",
            ".SS \"ofsearch search\"",
            ".SS \"ofsearch index\"",
            ".SS \"ofsearch serve\"",
            ".SH QUERY LANGUAGE",
            ".SH EXIT STATUS",
            ".SH ENVIRONMENT",
        ] {
            assert!(page.contains(section), "{section}");
        }
        assert!(page.contains("\\-\\-facet"), "search options are listed");
        assert!(
            page.contains("\\-\\-lock\\-wait"),
            "index options are listed"
        );
        assert!(!page.contains("ofsearch\\-search(1)"));
        assert!(!page.contains("bench"), "hidden commands stay hidden");
        assert_eq!(page.matches(".SH OPTIONS").count(), 1);
    }
}
