//! Markdown to text, through pulldown-cmark's CommonMark parser (with tables,
//! footnotes and strikethrough).
//!
//! Front matter (read by [`front_matter::split`]) is removed; its `title` becomes
//! the title and its date stays visible as a line "Published: 2018-12-13" so the
//! date extractor sees it: after a leading `#` heading, else first. In the body the
//! text keeps the source's lines: each source line with text is one line (so
//! two-space and backslash breaks are line breaks, and so are soft breaks), a blank
//! source line or a thematic break is a blank line, and a `#` heading stands alone
//! between blank lines. Heading marks, emphasis, code marks and escapes go; links
//! become their text (an `<https://...>` link its address); images, inline HTML tags,
//! reference definitions and fences go; bullets become "- ", list numbers stay as
//! written; table rows become their cells joined by " | ". The title is the front
//! matter's, else the first heading's.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::front_matter::{self, FrontMatter};

/// Text and title of a Markdown document.
#[derive(Debug, Default)]
pub struct MdText {
    pub text: String,
    pub title: Option<String>,
}

/// Convert Markdown to plain text.
pub fn to_text(md: &str) -> MdText {
    let md = md.strip_prefix('\u{feff}').unwrap_or(md);
    let (front, body) = front_matter::split(md).unwrap_or((FrontMatter::default(), md));
    let published = front
        .dates
        .first()
        .map(|d| format!("Published: {}", date_value(d)));
    let mut reader = Reader::new(body, published);
    for (event, range) in parser(body).into_offset_iter() {
        reader.event(event, range);
    }
    let (text, first_heading) = reader.finish();
    let title = front.title.or(first_heading).map(|t| inline(&t));
    MdText { text, title }
}

type BrokenLinks<'a> = fn(BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)>;

fn parser(md: &str) -> Parser<'_, BrokenLinks<'_>> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_with_broken_link_callback(md, options, Some(broken_link as BrokenLinks<'_>))
}

/// `[text][ref]` and `[text][]` are links even when `ref` is not defined; a bare
/// `[text]` stays as written.
fn broken_link<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    (link.link_type != LinkType::Shortcut).then(|| (CowStr::from(""), CowStr::from("")))
}

/// Remove inline Markdown from one line of text (a title): links become their
/// text, images go, emphasis, code marks, escapes and inline HTML tags go.
pub fn inline(s: &str) -> String {
    if !s.bytes().any(|b| {
        matches!(
            b,
            b'[' | b'!' | b'*' | b'_' | b'`' | b'\\' | b'<' | b'~' | b'&'
        )
    }) {
        return s.to_string();
    }
    // Read as the rest of a paragraph's first line, so that a leading "1." or
    // "#" is text, not a list or a heading.
    let para = format!("x {s}");
    let mut reader = Reader::new(&para, None);
    for (event, range) in parser(&para).into_offset_iter() {
        reader.event(event, range);
    }
    let (text, _) = reader.finish();
    let text = text.trim_end_matches('\n');
    text.strip_prefix("x ")
        .or_else(|| text.strip_prefix('x'))
        .unwrap_or(text)
        .to_string()
}

/// "2018-12-13T09:00:00Z" -> "2018-12-13"; other forms are kept as written.
fn date_value(v: &str) -> String {
    let b = v.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        v[..10].to_string()
    } else {
        v.to_string()
    }
}

/// Where the "Published:" line goes.
enum Published {
    /// Before the first block, or after it when it is a `#` heading.
    Pending(String),
    /// After the `#` heading that starts the body.
    AfterHeading(String),
    Done,
}

/// Turns events into lines of text that follow the source's lines.
struct Reader<'a> {
    src: &'a str,
    /// Byte offset of the start of each source line.
    line_starts: Vec<usize>,
    out: String,
    /// The output line being written, if any.
    line: Option<OpenLine>,
    /// Cache of the last [`Reader::line_of`] answer (events come in source order).
    last_line: usize,
    /// First source line not yet accounted for (blank lines before it are written).
    next_line: usize,
    /// The last line written was text (not a blank line or a heading).
    previous_text: bool,
    published: Published,
    first_heading: Option<String>,
    /// Open elements whose text is dropped (images) or read another way.
    in_image: usize,
    heading: Option<Heading>,
    code: bool,
    /// An autolink is open: its text is its address.
    autolink: bool,
    /// Cells read so far in the current table row.
    cells: usize,
}

/// An output line being written at the end of `out`.
#[derive(Clone, Copy)]
struct OpenLine {
    /// The source line it comes from.
    source_line: usize,
    /// Where it starts in `out`, and where its text starts (after a list marker).
    start: usize,
    text_start: usize,
}

/// An open heading: ATX (`#`) or setext (underlined), and its text so far.
struct Heading {
    atx: bool,
    text: String,
}

impl<'a> Reader<'a> {
    fn new(src: &'a str, published: Option<String>) -> Reader<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        Reader {
            src,
            line_starts,
            out: String::with_capacity(src.len()),
            line: None,
            last_line: 0,
            next_line: 0,
            previous_text: false,
            published: published.map_or(Published::Done, Published::Pending),
            first_heading: None,
            in_image: 0,
            heading: None,
            code: false,
            autolink: false,
            cells: 0,
        }
    }

    /// The source line holding byte `at`.
    fn line_of(&mut self, at: usize) -> usize {
        let starts = &self.line_starts;
        let l = self.last_line;
        let line = if starts[l] <= at && starts.get(l + 1).is_none_or(|&next| at < next) {
            l
        } else if starts.get(l + 1).is_some_and(|&next| next <= at)
            && starts.get(l + 2).is_none_or(|&after| at < after)
        {
            l + 1
        } else {
            starts.partition_point(|&s| s <= at) - 1
        };
        self.last_line = line;
        line
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text(&t, range.start),
            Event::Code(t) => self.text(&t, range.start),
            Event::SoftBreak | Event::HardBreak => self.end_line(),
            Event::Rule => {
                self.block_start(range.start, false);
                self.end_line();
                self.gap_before(range.start);
                self.out.push('\n');
                self.previous_text = false;
                self.next_line = self.line_of(range.start) + 1;
            }
            Event::FootnoteReference(label) => {
                self.text("[^", range.start);
                self.text(&label, range.start);
                self.text("]", range.start);
            }
            Event::Html(t) => self.html_block_line(&t, range.start),
            Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.block_start(range.start, false),
            Tag::Heading { .. } => {
                let atx = self.src[range.clone()].trim_start().starts_with('#');
                self.block_start(range.start, atx);
                self.end_line();
                self.gap_before(range.start);
                self.heading = Some(Heading {
                    atx,
                    text: String::new(),
                });
            }
            Tag::CodeBlock(_) => {
                self.block_start(range.start, false);
                self.end_line();
                self.gap_before(range.start);
                self.code = true;
            }
            Tag::List(_) | Tag::BlockQuote(_) | Tag::HtmlBlock | Tag::Table(_) => {
                self.block_start(range.start, false);
            }
            Tag::Item => {
                self.block_start(range.start, false);
                self.end_line();
                let line = self.line_of(range.start);
                self.begin_line(line);
                let item = &self.src[range];
                let digits = item.bytes().take_while(u8::is_ascii_digit).count();
                match item.as_bytes().get(digits) {
                    // An ordered item keeps its number as written ("1. ", "2) ").
                    Some(b'.' | b')') if digits > 0 => {
                        self.out.push_str(&item[..=digits]);
                        self.out.push(' ');
                    }
                    _ => self.out.push_str("- "),
                }
                self.mark_text_start();
            }
            Tag::FootnoteDefinition(label) => {
                self.block_start(range.start, false);
                self.end_line();
                let line = self.line_of(range.start);
                self.begin_line(line);
                self.out.push_str("[^");
                self.out.push_str(&label);
                self.out.push_str("]: ");
                self.mark_text_start();
            }
            Tag::TableHead | Tag::TableRow => {
                self.end_line();
                self.cells = 0;
            }
            Tag::TableCell => {
                if self.cells > 0 {
                    self.text(" | ", range.start);
                }
                self.cells += 1;
            }
            Tag::Image { .. } => self.in_image += 1,
            Tag::Link { link_type, .. } => {
                self.autolink = matches!(link_type, LinkType::Autolink);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(range),
            TagEnd::CodeBlock => {
                self.code = false;
                let last = self.line_of(range.end.saturating_sub(1));
                self.next_line = self.next_line.max(last + 1);
            }
            TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::List(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow => self.end_line(),
            TagEnd::Image => self.in_image -= 1,
            TagEnd::Link => self.autolink = false,
            _ => {}
        }
    }

    /// A block starts at byte `at`: the "Published:" line goes before the body's
    /// first block, or after it when it is a `#` heading.
    fn block_start(&mut self, at: usize, atx_heading: bool) {
        if let Published::Pending(p) = &self.published {
            let p = p.clone();
            self.gap_before(at);
            if atx_heading {
                self.published = Published::AfterHeading(p);
            } else {
                self.out.push_str(&p);
                self.out.push_str("\n\n");
                self.published = Published::Done;
            }
        }
    }

    fn end_heading(&mut self, range: Range<usize>) {
        let Some(h) = self.heading.take() else {
            return;
        };
        if self.first_heading.is_none()
            && let Some(last) = h.text.lines().map(str::trim).rfind(|l| !l.is_empty())
        {
            self.first_heading = Some(last.to_string());
        }
        if !h.atx {
            // A setext heading's lines are text lines; its underline is a blank line.
            for line in h.text.lines() {
                let line = line.trim();
                if !line.is_empty() {
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
            self.out.push('\n');
        } else {
            if self.previous_text {
                self.out.push('\n');
            }
            self.out.push_str(h.text.trim());
            self.out.push_str("\n\n");
            if let Published::AfterHeading(p) = &self.published {
                self.out.push_str(p);
                self.out.push_str("\n\n");
                self.published = Published::Done;
            }
        }
        self.previous_text = false;
        self.next_line = self.line_of(range.end.saturating_sub(1)) + 1;
    }

    /// Text from byte `at` of the source.
    fn text(&mut self, t: &str, at: usize) {
        if self.in_image > 0 {
            return;
        }
        if self.code {
            self.code_text(t);
            return;
        }
        if let Some(h) = &mut self.heading {
            h.text.push_str(t);
            return;
        }
        let Some(line) = self.line else {
            // The first text of a line.
            let source_line = self.line_of(at);
            self.begin_line(source_line);
            return self.text(t.trim_start(), at);
        };
        let t = if self.autolink {
            t.strip_prefix("mailto:").unwrap_or(t)
        } else {
            t
        };
        if self.out.len() == line.text_start {
            self.out.push_str(t.trim_start());
        } else {
            self.out.push_str(t);
        }
    }

    /// Code block text, written as it stands.
    fn code_text(&mut self, t: &str) {
        self.out.push_str(t);
    }

    /// A line of an HTML block: its text without the tags.
    fn html_block_line(&mut self, t: &str, at: usize) {
        let stripped = strip_tags(t);
        let stripped = stripped.trim();
        if !stripped.is_empty() {
            self.text(stripped, at);
        }
        self.end_line();
    }

    /// Start an output line for source line `source_line`, after the blank lines
    /// before it.
    fn begin_line(&mut self, source_line: usize) {
        self.gap_to(source_line);
        self.line = Some(OpenLine {
            source_line,
            start: self.out.len(),
            text_start: self.out.len(),
        });
    }

    /// The line's text starts here (after a list marker).
    fn mark_text_start(&mut self) {
        if let Some(line) = &mut self.line {
            line.text_start = self.out.len();
        }
    }

    /// Finish the output line: kept when it has text (a list marker alone is not a
    /// line), without trailing spaces or a trailing backslash.
    fn end_line(&mut self) {
        if let Some(h) = &mut self.heading {
            h.text.push('\n');
            return;
        }
        let Some(line) = self.line.take() else {
            return;
        };
        let text = &self.out[line.text_start..];
        let kept = text.trim_end().trim_end_matches('\\');
        if kept.trim().is_empty() {
            self.out.truncate(line.start);
        } else {
            self.out.truncate(line.text_start + kept.len());
            self.out.push('\n');
            self.previous_text = true;
        }
        self.next_line = self.next_line.max(line.source_line + 1);
    }

    /// Account for the source lines before the one holding byte `at`.
    fn gap_before(&mut self, at: usize) {
        let line = self.line_of(at);
        self.gap_to(line);
    }

    /// Account for the source lines before `line`: each blank one is a blank line.
    fn gap_to(&mut self, line: usize) {
        while self.next_line < line {
            if self.is_blank(self.next_line) {
                self.out.push('\n');
                self.previous_text = false;
            }
            self.next_line += 1;
        }
    }

    fn is_blank(&self, line: usize) -> bool {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.src.len(), |&e| e);
        self.src[start..end].trim().is_empty()
    }

    fn finish(mut self) -> (String, Option<String>) {
        self.end_line();
        self.gap_to(self.line_starts.len());
        match std::mem::replace(&mut self.published, Published::Done) {
            Published::Pending(p) | Published::AfterHeading(p) => {
                self.out.insert_str(0, &format!("{p}\n\n"));
            }
            Published::Done => {}
        }
        (self.out, self.first_heading)
    }
}

/// Text of an HTML fragment without its tags and comments.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let starts_tag = after
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'/' || b == b'!');
        match after.find('>').filter(|_| starts_tag) {
            Some(gt) => rest = &after[gt + 1..],
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::normalize::normalize_text;

    #[test]
    fn front_matter_title_and_date() {
        let md = "---\ntitle: \"Bromley children\\u2019s services rated good\"\ndate: \"2019-02-27\"\nauthor: \"Gemma\"\n---\n\n# Bromley rated good\n\nBy Gemma Shackleton\n\nChildren's services are **good**.\n";
        let m = to_text(md);
        assert_eq!(
            m.title.as_deref(),
            Some("Bromley children\u{2019}s services rated good")
        );
        assert_eq!(
            normalize_text(&m.text),
            "Bromley rated good\n\nPublished: 2019-02-27\n\nBy Gemma Shackleton\n\nChildren's services are good."
        );
        assert!(!m.text.contains("author"));
    }

    #[test]
    fn date_without_heading_goes_first() {
        let m = to_text("---\npublished: 2018-12-13T09:00:00Z\n---\nText body.\n");
        assert_eq!(
            normalize_text(&m.text),
            "Published: 2018-12-13\n\nText body."
        );
    }

    #[test]
    fn letter_markup_like_the_seed() {
        let md = "Ofsted  \nPiccadilly Gate  \n**Textphone** 0161 618 8524  \n[enquiries@ofsted.gov.uk](mailto:enquiries@ofsted.gov.uk)  \n\n### **Focused visit to Wakefield local authority children's services**\n\n- Most children are _well_ protected.\n* Another point with snake_case kept.\n";
        let m = to_text(md);
        assert_eq!(
            m.title.as_deref(),
            Some("Focused visit to Wakefield local authority children's services")
        );
        assert!(m.text.contains("Textphone 0161 618 8524"));
        assert!(m.text.contains("\nenquiries@ofsted.gov.uk\n"));
        assert!(
            m.text
                .contains("\nFocused visit to Wakefield local authority children's services\n\n")
        );
        assert!(m.text.contains(
            "- Most children are well protected.\n- Another point with snake_case kept."
        ));
        assert!(!m.text.contains(['#', '*', '[', ']']));
    }

    #[test]
    fn images_links_and_references() {
        let m = to_text(
            "![Photo of a family](img/a.jpg)\n\nRead [the report](https://x.org/a_(b)) and [this][1].\n\n[1]: https://example.org\n\nSee <https://gov.uk> or <br> `code` and a \\*star\\*.\n",
        );
        assert_eq!(
            normalize_text(&m.text),
            "Read the report and this.\n\nSee https://gov.uk or code and a *star*."
        );
    }

    #[test]
    fn emphasis_edge_cases() {
        assert_eq!(inline("5 * 3 = 15 and 2*3"), "5 * 3 = 15 and 2*3");
        assert_eq!(
            inline("***very*** _so_ __bold__ ~~gone~~ file_name"),
            "very so bold gone file_name"
        );
    }

    /// The hand-written reader this one replaced looked for the `]` of every `[`
    /// to the end of its line: 200,000 unmatched brackets took 20 seconds.
    #[test]
    fn unmatched_brackets_stay_text_in_linear_time() {
        for n in [200_000, 1_000_000] {
            for md in ["[".repeat(n), format!("Text {}", "[a".repeat(n / 2))] {
                let t = std::time::Instant::now();
                let m = to_text(&md);
                let secs = t.elapsed().as_secs_f64();
                assert_eq!(m.text.trim_end(), md);
                assert!(secs < 2.0, "{n} brackets took {secs:.2} s");
            }
        }
    }

    #[test]
    fn rules_and_tables() {
        let m = to_text(
            "Title\n=====\n\n| Judgement | Grade |\n|---|:---:|\n| Overall | Good |\n\n***\n",
        );
        assert_eq!(m.title.as_deref(), Some("Title"));
        assert_eq!(
            normalize_text(&m.text),
            "Title\n\nJudgement | Grade\nOverall | Good"
        );
    }
}
