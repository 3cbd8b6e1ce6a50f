//! The tantivy schema and its field handles: the only place a field name is spelled.
//!
//! Design (see README "Index design"):
//! - `body` holds the clean text once, unstemmed, with positions, for exact phrases.
//!   Unquoted words are stemmed at query time and expanded to the indexed terms that
//!   share the stem, so no second (stemmed) copy of the text is indexed.
//! - Metadata fields come from the field registry (`crate::fields`): keywords and
//!   grades are raw strings with fast columns (filters and facets), years and days
//!   integers with fast columns (ranges, facets, sorting), names a fast column plus
//!   a lower-cased key field for matching, titles positional text.
//! - The full metadata record is stored as one JSON string (`meta`), and the clean
//!   text in `text` (LZ4 blocks; the body itself is not stored): snippets, the web
//!   page and `export` read the text that was indexed without re-reading or
//!   re-parsing the source. At most [`crate::long_text::HEAD_BYTES`] are stored
//!   with a document; a longer text is kept whole beside the generation.
//! - Report sections (`crate::extract::sections`): the `section` field holds each
//!   document's section names (raw terms with a fast column: filter and facet), and
//!   `section_positions` (a multi-valued fast column) where each section lies in the
//!   body, as token positions ([`section_range`]). A query scoped to a section
//!   (`section:improve "chronic neglect"`, `--section improve`) runs its words and
//!   phrases on the body and keeps a document only when a match lies inside one of
//!   those ranges (`crate::query::scoped`), so a phrase matches inside the section
//!   and never across its edge, with the body's stem expansion and scoring. Each
//!   section's text was once indexed again in a field of its own: that made
//!   indexing a quarter slower and the index a quarter larger for what a few
//!   position checks per candidate document now answer.
//! - `id`, `mtime`, `size` and `hash` make incremental indexing possible from the
//!   index alone, so the index and its bookkeeping are committed atomically together.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::extract::SectionName;
use crate::fields::{self, FieldDef, Type};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    Token, TokenStream, Tokenizer,
};

/// Bumped whenever the schema or the meaning of a field changes.
/// 5: the body and title also hold the joined form of hyphenated words
/// (`multi-agency` -> `multiagency`), see [`HyphenJoin`]; the `authorities` of
/// an article. 6: report sections (`section`, per-section text fields,
/// `improvements`) on top of both. 7: the clean text is stored in `text`, at most
/// [`crate::long_text::HEAD_BYTES`] of it; `body` is indexed only. 8: sections
/// as token ranges of the body (`section_positions`) instead of fields of their own.
pub const SCHEMA_VERSION: u32 = 8;

/// Tokenizer for body and title: words, lower-cased, accents folded.
pub const TEXT_TOKENIZER: &str = "ofs_text";
/// Tokenizer for case-insensitive exact keys (inspector names).
pub const KEY_TOKENIZER: &str = "ofs_key";

/// Field handles, built once with the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    pub schema: Schema,
    pub id: Field,
    pub mtime: Field,
    pub size: Field,
    pub hash: Field,
    /// The copy key (`DocRecord::copy_key`, 0 for none): copies count once.
    pub copy: Field,
    pub meta: Field,
    pub body: Field,
    /// The clean text as stored (its head, for a long text: [`crate::long_text`]).
    pub stored_text: Field,
    /// The index field of each indexed registry field, in registry order.
    metadata: Vec<(&'static FieldDef, Field)>,
    /// For name fields (`inspector`), the lower-cased key field they are matched on.
    keys: Vec<(&'static FieldDef, Field)>,
    /// Where each section lies in the body, as token ranges ([`section_range`]).
    pub section_positions: Field,
}

/// Fast-column names of the bookkeeping fields, for collectors that read columns by name.
pub mod col {
    pub const ID: &str = "id";
    pub const MTIME: &str = "mtime";
    pub const SIZE: &str = "size";
    pub const HASH: &str = "hash";
    pub const COPY: &str = "copy";
    /// The day a document sits at in time (the `date` field's index).
    pub const DATE: &str = "date";
    /// The token ranges of a report's sections ([`super::section_range`]).
    pub const SECTION_POSITIONS: &str = "section_positions";
}

/// The name of the key field of a name field (`inspector` -> `inspector_key`).
fn key_field_name(name: &str) -> String {
    format!("{name}_key")
}

impl Fields {
    pub fn build() -> Fields {
        let mut b = Schema::builder();
        let text_indexing = TextFieldIndexing::default()
            .set_tokenizer(TEXT_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let text = TextOptions::default().set_indexing_options(text_indexing);
        let id = b.add_text_field(col::ID, STRING | FAST);
        let mtime = b.add_i64_field(col::MTIME, FAST);
        let size = b.add_u64_field(col::SIZE, FAST);
        let hash = b.add_u64_field(col::HASH, FAST);
        let copy = b.add_u64_field(col::COPY, INDEXED | FAST);
        let meta = b.add_text_field("meta", STORED);
        let body = b.add_text_field("body", text.clone());
        let stored_text = b.add_text_field("text", STORED);
        let mut metadata = Vec::new();
        let mut keys = Vec::new();
        let section_positions = b.add_u64_field(col::SECTION_POSITIONS, FAST);
        for def in fields::indexed_fields() {
            let field = match def.ty {
                Type::Text => b.add_text_field(def.name, text.clone()),
                Type::Keyword | Type::Grade | Type::Keywords => {
                    b.add_text_field(def.name, STRING | FAST)
                }
                Type::Names => {
                    let key_indexing = TextFieldIndexing::default()
                        .set_tokenizer(KEY_TOKENIZER)
                        .set_index_option(IndexRecordOption::Basic);
                    let key = b.add_text_field(
                        &key_field_name(def.name),
                        TextOptions::default().set_indexing_options(key_indexing),
                    );
                    keys.push((def, key));
                    b.add_text_field(def.name, FAST)
                }
                Type::Year | Type::Day => b.add_i64_field(def.name, INDEXED | FAST),
                Type::Sections => b.add_text_field(def.name, STRING | FAST),
                Type::TextList => b.add_text_field(def.name, text.clone()),
            };
            metadata.push((def, field));
        }
        Fields {
            schema: b.build(),
            id,
            mtime,
            size,
            hash,
            copy,
            meta,
            body,
            stored_text,
            metadata,
            keys,
            section_positions,
        }
    }

    /// Field handles for an opened index, checking its schema is ours.
    pub fn for_schema(schema: &Schema) -> Option<Fields> {
        let fields = Fields::build();
        (&fields.schema == schema).then_some(fields)
    }

    /// The name of a field, for fast-column access.
    pub fn name(&self, field: Field) -> &str {
        self.schema.get_field_name(field)
    }

    /// The index field of a registry field (`None` when it is not indexed).
    pub fn of(&self, def: &FieldDef) -> Option<Field> {
        self.metadata
            .iter()
            .find(|(d, _)| d.name == def.name)
            .map(|(_, f)| *f)
    }

    /// The key field a name field is matched on.
    pub fn key_of(&self, def: &FieldDef) -> Option<Field> {
        self.keys
            .iter()
            .find(|(d, _)| d.name == def.name)
            .map(|(_, f)| *f)
    }

    /// Every indexed registry field with its index field.
    pub fn metadata(&self) -> &[(&'static FieldDef, Field)] {
        &self.metadata
    }
}

/// The analyzer body and title text is indexed with: words, lower-cased,
/// accents folded, and after a hyphenated word its joined form ([`HyphenJoin`]).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(HyphenJoin::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The same words without the joined forms: query words, phrases and snippets,
/// where each token is one run of the text.
pub fn parts_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Characters that join the parts of a hyphenated word.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// The joined form of a hyphenated word (`Well-being` -> `wellbeing`), as the
/// index holds it; `None` for anything else.
pub fn joined_form(word: &str) -> Option<String> {
    let parts: Vec<&str> = word.split(HYPHENS).collect();
    let hyphenated = parts.len() > 1
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(char::is_alphanumeric));
    if !hyphenated {
        return None;
    }
    let mut analyzer = parts_analyzer();
    let mut stream = analyzer.token_stream(word);
    let mut joined = String::new();
    while stream.advance() {
        joined.push_str(&stream.token().text);
    }
    (!joined.is_empty()).then_some(joined)
}

/// Words as [`SimpleTokenizer`] splits them, plus, after the parts of a hyphenated
/// word (`multi-agency`, `co-ordinated`), the parts joined (`multiagency`) at the
/// first part's position, so that the hyphenated and closed spellings are one
/// indexed word (and one stem) while phrases still see the parts.
#[derive(Clone, Default)]
pub struct HyphenJoin {
    inner: SimpleTokenizer,
}

pub struct HyphenJoinStream<'a> {
    text: &'a str,
    inner: tantivy::tokenizer::SimpleTokenStream<'a>,
    token: Token,
    /// A part read while emitting the joined form before it.
    queued: Option<Token>,
    /// The run of hyphen-joined parts ending at the last token.
    chain: Chain,
}

/// Where the current run of parts starts and ends, its position and its length.
#[derive(Default)]
struct Chain {
    from: usize,
    to: usize,
    position: usize,
    parts: usize,
}

impl Tokenizer for HyphenJoin {
    type TokenStream<'a> = HyphenJoinStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> HyphenJoinStream<'a> {
        HyphenJoinStream {
            text,
            inner: self.inner.token_stream(text),
            token: Token::default(),
            queued: None,
            chain: Chain::default(),
        }
    }
}

impl HyphenJoinStream<'_> {
    /// The inner stream's token as ours, reusing our buffer (the inner stream
    /// counts positions on its own token, so it is not taken from it).
    fn copy_inner(&mut self) {
        let t = self.inner.token();
        self.token.text.clear();
        self.token.text.push_str(&t.text);
        self.token.offset_from = t.offset_from;
        self.token.offset_to = t.offset_to;
        self.token.position = t.position;
        self.token.position_length = t.position_length;
    }

    /// The joined token of the run so far, when it has several parts.
    fn joined(&self) -> Option<Token> {
        let c = &self.chain;
        (c.parts > 1).then(|| Token {
            offset_from: c.from,
            offset_to: c.to,
            position: c.position,
            text: self.text[c.from..c.to]
                .chars()
                .filter(|ch| !HYPHENS.contains(ch))
                .collect(),
            position_length: 1,
        })
    }
}

impl TokenStream for HyphenJoinStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(t) = self.queued.take() {
            self.token = t;
            return true;
        }
        if !self.inner.advance() {
            let joined = self.joined();
            self.chain.parts = 0;
            return match joined {
                Some(j) => {
                    self.token = j;
                    true
                }
                None => false,
            };
        }
        let (from, to, position) = {
            let t = self.inner.token();
            (t.offset_from, t.offset_to, t.position)
        };
        let continues = self.chain.parts > 0
            && self
                .text
                .get(self.chain.to..from)
                .is_some_and(|gap| gap.chars().count() == 1 && gap.starts_with(HYPHENS));
        if continues {
            self.chain.parts += 1;
            self.chain.to = to;
            self.copy_inner();
            return true;
        }
        let joined = self.joined();
        self.chain = Chain {
            from,
            to,
            position,
            parts: 1,
        };
        match joined {
            Some(j) => {
                self.queued = Some(self.inner.token().clone());
                self.token = j;
            }
            None => self.copy_inner(),
        }
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn key_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Register the project's tokenizers on an index.
pub fn register_tokenizers(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(TEXT_TOKENIZER, text_analyzer());
    manager.register(KEY_TOKENIZER, key_analyzer());
}

/// Bits of each token position in a section range: 2^28 positions is far above
/// the tokens of the longest text read (`crate::ingest::MAX_TEXT_BYTES`).
const POSITION_BITS: u32 = 28;
const POSITION_MASK: u64 = (1 << POSITION_BITS) - 1;

/// One section's range of body token positions as `section_positions` holds it:
/// the section's number in [`SectionName::ALL`], its first position and the one
/// after its last.
pub fn section_range(name: SectionName, from: u32, to: u32) -> u64 {
    let code = SectionName::ALL
        .iter()
        .position(|n| *n == name)
        .unwrap_or(0) as u64;
    let clamp = |p: u32| u64::from(p).min(POSITION_MASK);
    code << (2 * POSITION_BITS) | clamp(from) << POSITION_BITS | clamp(to)
}

/// A value of `section_positions` read back: section, first position, end.
pub fn parse_section_range(value: u64) -> Option<(SectionName, u32, u32)> {
    let name = *SectionName::ALL.get((value >> (2 * POSITION_BITS)) as usize)?;
    let from = ((value >> POSITION_BITS) & POSITION_MASK) as u32;
    let to = (value & POSITION_MASK) as u32;
    Some((name, from, to))
}

/// The token position the body's analyzer gives the first token at or after each
/// byte offset of `text` (the number of tokens starting before it): one position
/// per run of alphanumeric characters, as [`SimpleTokenizer`] counts them (the
/// joined form of a hyphenated word takes its first part's position, and long
/// tokens dropped by the analyzer keep theirs). Offsets in any order.
pub fn positions_at(text: &str, offsets: &[usize]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0u32; offsets.len()];
    let mut pending = order.into_iter().peekable();
    let mut count: u32 = 0;
    let mut in_token = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        while let Some(&i) = pending.peek() {
            if offsets[i] > at {
                break;
            }
            out[i] = count;
            pending.next();
        }
        if pending.peek().is_none() {
            return out;
        }
        // ASCII bytes are read as they are; other characters decoded (an
        // offset always falls on a character boundary).
        let (alphanumeric, width) = match bytes[at] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        };
        if alphanumeric && !in_token {
            count += 1;
        }
        in_token = alphanumeric;
        at += width;
    }
    for i in pending {
        out[i] = count;
    }
    out
}

/// The key an inspector name is matched on (what `inspector_key` indexes): one
/// key per person however the name is written (case, accents, hyphens, "HMI",
/// "Surname, Forename"; see `extract::person_key`).
pub fn inspector_key(name: &str) -> String {
    crate::extract::person_key(name)
}

/// The number of terms of a string column, to size a table by: checked against
/// the segment (a damaged fast file can claim billions, and allocating that many
/// aborts the process, which no `catch_unwind` stops). A column cannot hold more
/// distinct values than its segment holds values; 256 per document is far above
/// any field's (inspectors are the longest list).
pub fn column_terms(
    column: &tantivy::columnar::StrColumn,
    segment: &tantivy::SegmentReader,
) -> tantivy::Result<usize> {
    let terms = column.num_terms();
    let bound = (segment.max_doc() as usize)
        .saturating_add(1)
        .saturating_mul(256);
    if terms > bound {
        return Err(tantivy::TantivyError::DataCorruption(
            tantivy::error::DataCorruption::comment_only(format!(
                "a fast column claims {terms} terms in a segment of {} documents",
                segment.max_doc()
            )),
        ));
    }
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_round_trips_through_for_schema() {
        let fields = Fields::build();
        assert!(Fields::for_schema(&fields.schema).is_some());
        let other = Schema::builder().build();
        assert!(Fields::for_schema(&other).is_none());
    }

    #[test]
    fn section_positions_are_the_positions_the_body_is_indexed_at() {
        // Accents, hyphens, apostrophes, digits, a word too long to index and
        // a non-Latin script: each offset's position is that of the first token
        // the analyzer emits at or after it.
        let text = "Café staff – multi-agency work.\nChildren's plans 2024: \
                    {long} ok.\n\nΔιεύθυνση next line\n";
        let text = text.replace("{long}", &"x".repeat(60));
        // Positions as the tokenizer counts runs of letters and digits...
        let mut simple = SimpleTokenizer::default();
        let mut stream = simple.token_stream(&text);
        let mut starts = Vec::new();
        while stream.advance() {
            let t = stream.token();
            starts.push((t.offset_from, t.position as u32));
        }
        // ...are the positions the body's analyzer indexes at (it drops the long
        // word and adds the joined form of the hyphenated one, at the first part's).
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream(&text);
        while stream.advance() {
            let t = stream.token();
            assert!(
                starts.contains(&(t.offset_from, t.position as u32)),
                "{t:?}"
            );
        }
        // Offsets where a section can start or end: not inside a word.
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .filter(|&i| !text[..i].ends_with(char::is_alphanumeric))
            .collect();
        let positions = positions_at(&text, &offsets);
        for (offset, position) in offsets.iter().zip(&positions) {
            let expected = starts
                .iter()
                .filter(|(from, _)| from >= offset)
                .map(|s| s.1)
                .min()
                .unwrap_or(starts.len() as u32);
            assert_eq!(*position, expected, "offset {offset}");
        }
    }

    #[test]
    fn section_ranges_round_trip() {
        for name in SectionName::ALL {
            let v = section_range(name, 17, 123_456);
            assert_eq!(parse_section_range(v), Some((name, 17, 123_456)));
        }
        let huge = section_range(SectionName::Lscb, u32::MAX, u32::MAX);
        let (_, from, to) = parse_section_range(huge).unwrap();
        assert_eq!((from, to), ((1 << 28) - 1, (1 << 28) - 1));
        assert_eq!(parse_section_range(u64::MAX), None);
    }

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut a = text_analyzer();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn hyphenated_words_are_also_indexed_joined() {
        let t = |w: &str, p: usize| (w.to_string(), p);
        assert_eq!(
            tokens("Multi-agency work"),
            [
                t("multi", 0),
                t("agency", 1),
                t("multiagency", 0),
                t("work", 2)
            ]
        );
        assert_eq!(
            tokens("well-being of co-ordinated"),
            [
                t("well", 0),
                t("being", 1),
                t("wellbeing", 0),
                t("of", 2),
                t("co", 3),
                t("ordinated", 4),
                t("coordinated", 3)
            ]
        );
        assert_eq!(
            tokens("a - b, c--d"),
            [t("a", 0), t("b", 1), t("c", 2), t("d", 3)]
        );
        assert_eq!(joined_form("Co-ordinated").as_deref(), Some("coordinated"));
        assert_eq!(joined_form("children's"), None);
        assert_eq!(joined_form("-x"), None);
    }

    #[test]
    fn inspector_key_folds_case_and_space() {
        assert_eq!(inspector_key("  Nigel   PARKES "), "nigel parkes");
        assert_eq!(
            inspector_key("Sean O\u{2019}Brien"),
            inspector_key("Sean O'Brien")
        );
        assert_eq!(inspector_key("Parkes, Nigel"), "nigel parkes");
    }
}
