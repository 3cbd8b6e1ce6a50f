//! The tantivy schema and its field handles: the only place a field name is spelled.
//!
//! Design (see README "Index design"):
//! - `body` holds the clean text once, unstemmed, with positions, for exact phrases.
//!   Unquoted words are stemmed at query time and expanded to the indexed terms that
//!   share the stem, so no second (stemmed) copy of the text is indexed.
//! - Metadata used for filters is indexed as raw strings / integers; metadata used for
//!   facets and sorting is in fast columns.
//! - The full metadata record is stored as one JSON string (`meta`), and the clean
//!   text is stored with the body (LZ4 blocks): snippets, the web page and `export`
//!   read the text that was indexed without re-reading or re-parsing the source.
//! - `id`, `mtime`, `size` and `hash` make incremental indexing possible from the
//!   index alone, so the index and its bookkeeping are committed atomically together.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Bumped whenever the schema or the meaning of a field changes.
pub const SCHEMA_VERSION: u32 = 2;

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
    pub meta: Field,
    pub body: Field,
    pub title: Field,
    pub kind: Field,
    pub authority: Field,
    pub la_code: Field,
    pub region: Field,
    pub judgement: Field,
    pub inspector: Field,
    pub inspector_key: Field,
    pub year: Field,
    pub academic_year: Field,
    pub date: Field,
    pub sub_judgements: [(&'static str, Field); 6],
}

/// Fast-column names, for collectors that read columns by name.
pub mod col {
    pub const ID: &str = "id";
    pub const MTIME: &str = "mtime";
    pub const SIZE: &str = "size";
    pub const HASH: &str = "hash";
    pub const YEAR: &str = "year";
    pub const DATE: &str = "date";
}

/// Names of the sub-judgement fields, as used in JSON and in `field:value` queries.
pub const SUB_JUDGEMENTS: [&str; 6] = [
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
];

impl Fields {
    pub fn build() -> Fields {
        let mut b = Schema::builder();
        let text_indexing = TextFieldIndexing::default()
            .set_tokenizer(TEXT_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let text = TextOptions::default().set_indexing_options(text_indexing);
        let facet_str = STRING | FAST;
        let id = b.add_text_field(col::ID, STRING | FAST);
        let mtime = b.add_i64_field(col::MTIME, FAST);
        let size = b.add_u64_field(col::SIZE, FAST);
        let hash = b.add_u64_field(col::HASH, FAST);
        let meta = b.add_text_field("meta", STORED);
        let body = b.add_text_field("body", text.clone().set_stored());
        let title = b.add_text_field("title", text);
        let kind = b.add_text_field("kind", facet_str.clone());
        let authority = b.add_text_field("authority", facet_str.clone());
        let la_code = b.add_text_field("la_code", facet_str.clone());
        let region = b.add_text_field("region", facet_str.clone());
        let judgement = b.add_text_field("judgement", facet_str.clone());
        let inspector = b.add_text_field("inspector", FAST);
        let key_indexing = TextFieldIndexing::default()
            .set_tokenizer(KEY_TOKENIZER)
            .set_index_option(IndexRecordOption::Basic);
        let inspector_key = b.add_text_field(
            "inspector_key",
            TextOptions::default().set_indexing_options(key_indexing),
        );
        let year = b.add_i64_field(col::YEAR, INDEXED | FAST);
        let academic_year = b.add_text_field("academic_year", facet_str.clone());
        let date = b.add_i64_field(col::DATE, INDEXED | FAST);
        let sub_judgements =
            SUB_JUDGEMENTS.map(|name| (name, b.add_text_field(name, facet_str.clone())));
        Fields {
            schema: b.build(),
            id,
            mtime,
            size,
            hash,
            meta,
            body,
            title,
            kind,
            authority,
            la_code,
            region,
            judgement,
            inspector,
            inspector_key,
            year,
            academic_year,
            date,
            sub_judgements,
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
}

/// The analyzer for body and title text (also used for snippets and query words).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
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

/// Lower-cased key for an inspector name (what `inspector_key` indexes).
pub fn inspector_key(name: &str) -> String {
    // Names in the index come from normalised text (ASCII apostrophes); a name typed
    // with a typographic apostrophe (O’Brien) is the same name.
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
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
    fn inspector_key_folds_case_and_space() {
        assert_eq!(inspector_key("  Nigel   PARKES "), "nigel parkes");
        assert_eq!(inspector_key("Sean O\u{2019}Brien"), "sean o'brien");
    }
}
