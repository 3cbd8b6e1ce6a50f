//! Reading what the index stores for a document: its record (metadata, as JSON)
//! and its clean text (what was indexed). Search, `list`, `export` and the web
//! server read stored documents only through these.

use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::fields::read_record;
use crate::long_text;
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

    /// The whole clean text of a fetched document (whose record is `record`):
    /// what is stored with it, or for a long text the file beside the index
    /// ([`crate::long_text`]).
    fn text_of(&self, doc: &TantivyDocument, record: &DocRecord) -> Result<String> {
        match &record.long_text {
            Some(name) => long_text::read(&self.generation, name).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Error::Usage(format!(
                        "{} changed since it was found (the index was updated): search again",
                        record.path
                    ))
                } else {
                    self.damaged(&format!(
                        "the long text of {} is unreadable: {e}",
                        record.path
                    ))
                }
            }),
            None => self
                .text_head(doc)
                .map(str::to_string)
                .ok_or_else(|| self.damaged("a stored text is unreadable")),
        }
    }

    /// The clean text stored with a fetched document, borrowed: all of it, or
    /// the first [`long_text::HEAD_BYTES`] of a long text (as much as snippets
    /// read).
    pub fn text_head<'d>(&self, doc: &'d TantivyDocument) -> Option<&'d str> {
        doc.get_first(self.fields.stored_text)?.as_str()
    }

    /// The record of the document at `addr` in `searcher`.
    pub fn record_at(&self, searcher: &Searcher, addr: DocAddress) -> Result<DocRecord> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        self.record_of(&doc)
    }

    /// The clean text of the document at `addr` in this index's reader, whose
    /// record (from [`crate::search::list_addressed`]) is `record`.
    pub fn text_at(&self, addr: DocAddress, record: &DocRecord) -> Result<String> {
        let doc: TantivyDocument = self.reader.searcher().doc(addr)?;
        self.text_of(&doc, record)
    }

    /// The clean text stored with the document at `addr` (record `record`): the
    /// whole text, or the head of a long one (`true` when it is only the head).
    /// For the web page and API, whose every request must cost little whatever
    /// the text.
    pub fn head_at(&self, addr: DocAddress, record: &DocRecord) -> Result<(String, bool)> {
        let doc: TantivyDocument = self.reader.searcher().doc(addr)?;
        let head = self
            .text_head(&doc)
            .ok_or_else(|| self.damaged("a stored text is unreadable"))?
            .to_string();
        Ok((head, record.long_text.is_some()))
    }

    fn damaged(&self, cause: &str) -> Error {
        Error::Corrupt {
            path: self.generation.clone(),
            cause: cause.into(),
        }
    }
}
