//! The peer's schema and analyzer: one positional body field, analysed exactly as
//! ofsearch analyses its body (`src/schema.rs`: simple tokenizer, long tokens
//! dropped, lower-cased, accents folded), a path id and a year column.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

pub const TOKENIZER: &str = "peer_text";
pub const ID: &str = "id";
pub const BODY: &str = "body";
pub const YEAR: &str = "year";

pub struct Fields {
    pub id: Field,
    pub body: Field,
    pub year: Field,
}

/// The schema; `store` keeps the body in the doc store (ofsearch stores its text,
/// for snippets). The id is stored too (a few bytes a document), so that hits can
/// print their path as ofsearch prints its stored record.
pub fn build(store: bool) -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let mut body = TextOptions::default().set_indexing_options(indexing);
    if store {
        body = body.set_stored();
    }
    let fields = Fields {
        id: b.add_text_field(ID, STRING | FAST | STORED),
        body: b.add_text_field(BODY, body),
        year: b.add_i64_field(YEAR, FAST),
    };
    (b.build(), fields)
}

/// The fields of an opened index, found by name.
pub fn fields_of(schema: &Schema) -> Result<Fields, String> {
    let get = |name| {
        schema
            .get_field(name)
            .map_err(|_| format!("not a tantivy-peer index: no field '{name}'"))
    };
    Ok(Fields {
        id: get(ID)?,
        body: get(BODY)?,
        year: get(YEAR)?,
    })
}

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn register(index: &Index) {
    index.tokenizers().register(TOKENIZER, analyzer());
}
