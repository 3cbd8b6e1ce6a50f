//! Reading what the index stores for a document: its record (metadata, as JSON)
//! and its clean text (what was indexed). Search, `list`, `export` and the web
//! server read stored documents only through these.

use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::fields::read_record;
use crate::record::DocRecord;
use crate::store::Opened;

impl Opened {
    /// The record stored with a fetched document.
    pub fn record_of(&self, doc: &TantivyDocument) -> Result<DocRecord> {
        doc.get_first(self.fields.meta)
            .and_then(|v| v.as_str())
            .and_then(read_record)
            .ok_or_else(|| self.damaged("a stored record is unreadable"))
    }

    /// The clean text stored with a fetched document.
    pub fn text_of(&self, doc: &TantivyDocument) -> Option<String> {
        doc.get_first(self.fields.body)?
            .as_str()
            .map(str::to_string)
    }

    /// The clean text stored with a fetched document, borrowed (a hit's text
    /// can be tens of MB: snippets read it in place).
    pub fn text_str<'d>(&self, doc: &'d TantivyDocument) -> Option<&'d str> {
        doc.get_first(self.fields.body)?.as_str()
    }

    /// The record of the document at `addr` in `searcher`.
    pub fn record_at(&self, searcher: &Searcher, addr: DocAddress) -> Result<DocRecord> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        self.record_of(&doc)
    }

    /// The clean text of the document at `addr` in this index's reader.
    pub fn text_at(&self, addr: DocAddress) -> Result<String> {
        let doc: TantivyDocument = self.reader.searcher().doc(addr)?;
        self.text_of(&doc)
            .ok_or_else(|| self.damaged("a stored text is unreadable"))
    }

    fn damaged(&self, cause: &str) -> Error {
        Error::Corrupt {
            path: self.generation.clone(),
            cause: cause.into(),
        }
    }
}
