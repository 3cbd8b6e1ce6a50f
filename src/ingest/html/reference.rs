//! A second HTML reader on html5ever's tree builder (the HTML standard's parsing
//! algorithm, as browsers parse), for differential tests of the fast reader:
//! every word of a page's article must be in the fast reader's text, and every
//! word of that text must be on the page. Test-only: html5ever and
//! markup5ever_rcdom are dev-dependencies. The fast reader stays the one ingest
//! uses because it is faster; `reader_speeds` measures both.

use std::collections::BTreeSet;
use std::rc::Rc;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// What the reference reader sees on a page.
pub struct Reference {
    /// Every visible text of the page (`<body>` and `<title>`), blocks on their own lines.
    pub page: String,
    /// The text of the page's largest `<article>`, if it has one.
    pub article: Option<String>,
}

/// Elements whose content is never shown.
fn hidden(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
    )
}

/// Elements whose start and end separate words.
fn block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "aside"
            | "nav"
            | "header"
            | "footer"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "br"
            | "hr"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "form"
            | "button"
            | "title"
            | "body"
    )
}

/// Read a page with html5ever.
pub fn read(html: &str) -> Reference {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut articles = Vec::new();
    let page = text_of(&dom.document, &mut articles);
    let article = articles.into_iter().max_by_key(String::len);
    Reference { page, article }
}

/// The visible text under `root` (iteratively: pages may nest deeply), and the
/// text of every `<article>` in it.
fn text_of(root: &Handle, articles: &mut Vec<String>) -> String {
    enum Step {
        Enter(Handle),
        Leave { block: bool, article: Option<usize> },
    }
    let mut out = String::new();
    let mut stack = vec![Step::Enter(Rc::clone(root))];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave { block, article } => {
                if block {
                    out.push('\n');
                }
                if let Some(start) = article {
                    articles.push(out[start..].to_string());
                }
                continue;
            }
        };
        let (block, article) = match &node.data {
            NodeData::Text { contents } => {
                out.push_str(&contents.borrow());
                continue;
            }
            NodeData::Element { name, .. } => {
                let name = name.local.as_ref();
                if hidden(name) {
                    continue;
                }
                (block(name), (name == "article").then_some(out.len()))
            }
            NodeData::Document => (false, None),
            _ => continue,
        };
        if block {
            out.push('\n');
        }
        stack.push(Step::Leave { block, article });
        for child in node.children.borrow().iter().rev() {
            stack.push(Step::Enter(Rc::clone(child)));
        }
    }
    out
}

/// Lower-cased words (runs of letters and digits).
fn words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The differences between the fast reader and the reference on one page: words
/// the fast reader invented (not on the page; the "Published" line and numbers
/// from dates in metadata excepted) and article words it lost.
fn disagreements(html: &str) -> (Vec<String>, Vec<String>) {
    let ours = words(&super::to_text_untrimmed(html).text);
    let reference = read(html);
    let page = words(&reference.page);
    let invented = ours
        .iter()
        .filter(|w| !page.contains(*w) && *w != "published")
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .cloned()
        .collect();
    let lost = reference
        .article
        .map(|a| {
            words(&a)
                .into_iter()
                .filter(|w| !ours.contains(w))
                .collect()
        })
        .unwrap_or_default();
    (invented, lost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn reference_reader_sees_what_a_browser_shows() {
        let r = read(
            "<title>T</title><script>var x = '<p>no'</script><p>One <b>tw</b>o<li>three\
             <article><p>Four &amp; five</article><template>six</template>",
        );
        assert_eq!(words(&r.page), words("T One two three Four five"));
        assert_eq!(words(&r.article.unwrap()), words("Four five"));
    }

    #[test]
    fn agrees_with_html5ever_on_the_fixtures() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut pages = 0;
        for sub in ["html", "phrases"] {
            for entry in std::fs::read_dir(dir.join(sub)).expect("fixtures") {
                let path = entry.expect("entry").path();
                if path.extension().is_none_or(|e| e != "html") {
                    continue;
                }
                let html = std::fs::read_to_string(&path).expect("fixture");
                let (invented, lost) = disagreements(&html);
                assert!(
                    invented.is_empty(),
                    "{}: invented {invented:?}",
                    path.display()
                );
                assert!(lost.is_empty(), "{}: lost {lost:?}", path.display());
                pages += 1;
            }
        }
        assert!(pages >= 5);
    }

    const ARTICLE_WORDS: [&str; 12] = [
        "inspectors",
        "children",
        "leaders",
        "neglect",
        "families",
        "caseloads",
        "practice",
        "improved",
        "social",
        "workers",
        "plans",
        "timely",
    ];
    /// Words only the page's chrome uses: none may reach the text.
    const CHROME_WORDS: [&str; 6] = [
        "cookiez", "menuitem", "teaser", "remark", "vacancy", "copyleft",
    ];

    /// A news page from choices: an article of paragraphs, lists and quotes with
    /// inline markup and character references, among navigation, a cookie banner,
    /// related links, comments, a jobs widget and a footer.
    fn page(choices: &[u8]) -> String {
        let mut it = choices.iter().copied().cycle();
        let mut next = move |n: usize| usize::from(it.next().unwrap_or(0)) % n;
        let sentence = |words: usize, next: &mut dyn FnMut(usize) -> usize| {
            let mut s = String::new();
            for i in 0..words {
                let w = ARTICLE_WORDS[next(ARTICLE_WORDS.len())];
                let piece = match next(9) {
                    0 => format!("<b>{w}</b>"),
                    1 => format!("<em>{w}</em>"),
                    // One link in a sentence: prose, not a link list.
                    2 if i == 1 => format!("<a href=\"/{w}\">{w}</a>"),
                    3 => format!("{w} &amp;"),
                    4 => format!("{w}&#8217;s"),
                    5 => format!("{w}&nbsp;"),
                    6 => format!("<span class=\"x\">{w}</span>"),
                    _ => w.to_string(),
                };
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(&piece);
            }
            s.push('.');
            s
        };
        let mut html = String::from(
            "<!DOCTYPE html><html><head><title>Headline | Site</title>\
             <script>var s = \"</div><p>cookiez\";</script>\
             <script type=\"application/ld+json\">{\"datePublished\": \"2020-01-02\"}</script></head><body>\
             <div class=\"cookie-banner\">cookiez <button>Accept cookiez</button></div>\
             <header><nav><ul><li><a href=\"/\">menuitem<li><a href=\"/n\">menuitem</ul></nav></header><main><article>",
        );
        html.push_str("<h1>Inspectors praise leaders</h1>");
        for _ in 0..1 + next(8) {
            let words = 8 + next(30);
            let s = sentence(words, &mut next);
            match next(6) {
                0 => html.push_str(&format!("<ul><li>{s}<li>{s}</ul>")),
                1 => html.push_str(&format!("<blockquote><p>{s}</p></blockquote>")),
                2 => html.push_str(&format!("<p>{s}<br>{s}")),
                3 => html.push_str(&format!("<h2>{s}</h2>")),
                _ => html.push_str(&format!("<p>{s}</p>")),
            }
        }
        html.push_str("</article>");
        if next(2) == 0 {
            html.push_str(
                "<section class=\"comments\"><article><p>remark remark</p></article></section>",
            );
        }
        html.push_str(
            "</main><aside class=\"related\"><h3>teaser</h3><ul><li><a href=\"/t\">teaser teaser</a></li></ul></aside>\
             <div class=\"jobs-widget\"><a href=\"/j\">vacancy</a><p>vacancy</p></div>\
             <footer><p>copyleft 2020</p></footer></body></html>",
        );
        html
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn agrees_with_html5ever_on_generated_pages(choices in prop::collection::vec(any::<u8>(), 1..64)) {
            let html = page(&choices);
            let (invented, lost) = disagreements(&html);
            prop_assert!(invented.is_empty(), "invented {:?} in {}", invented, html);
            prop_assert!(lost.is_empty(), "lost {:?} in {}", lost, html);
            let text = super::super::to_text(&html).text.to_lowercase();
            for w in CHROME_WORDS {
                prop_assert!(!text.contains(w), "{} left in {}", w, text);
            }
        }
    }

    fn bench_dir() -> PathBuf {
        std::env::var_os("OFSEARCH_BENCH")
            .map_or_else(|| PathBuf::from("/tmp/bench10k"), PathBuf::from)
    }

    fn html_pages(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                html_pages(&p, out);
            } else if p.extension().is_some_and(|x| x == "html")
                && let Ok(s) = std::fs::read_to_string(&p)
            {
                out.push(s);
            }
        }
    }

    /// The generated corpus of `OFSEARCH_BENCH` (default `/tmp/bench10k`, from
    /// `shared/bench/gen_corpus.py`): the two readers agree on every page.
    #[test]
    #[ignore]
    fn agrees_with_html5ever_on_the_bench_corpus() {
        let mut pages = Vec::new();
        html_pages(&bench_dir(), &mut pages);
        assert!(
            !pages.is_empty(),
            "no HTML pages under {}",
            bench_dir().display()
        );
        for html in &pages {
            let (invented, lost) = disagreements(html);
            assert!(
                invented.is_empty() && lost.is_empty(),
                "invented {invented:?}, lost {lost:?}"
            );
        }
        println!("{} pages agree", pages.len());
    }

    /// MB/s of both readers over the HTML pages of `OFSEARCH_BENCH`, one thread.
    /// Run with `cargo test --release --lib reader_speeds -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn reader_speeds() {
        let mut pages = Vec::new();
        html_pages(&bench_dir(), &mut pages);
        assert!(
            !pages.is_empty(),
            "no HTML pages under {}",
            bench_dir().display()
        );
        let mb = pages.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        for round in 0..3 {
            let t = std::time::Instant::now();
            let n: usize = pages
                .iter()
                .map(|p| super::super::to_text(p).text.len())
                .sum();
            let fast = t.elapsed().as_secs_f64();
            let t = std::time::Instant::now();
            let m: usize = pages.iter().map(|p| read(p).page.len()).sum();
            let reference = t.elapsed().as_secs_f64();
            println!(
                "round {round}: {} pages, {mb:.1} MB: fast reader {:.0} MB/s, html5ever (parse and walk) {:.0} MB/s ({n} / {m} bytes)",
                pages.len(),
                mb / fast,
                mb / reference
            );
        }
    }
}
