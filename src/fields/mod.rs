//! The field registry: every metadata field of a document, once.
//!
//! One row per field says what the field is called, what its values look like,
//! where it appears in a document's JSON, how it is indexed, whether it can be
//! faceted on, used as `field:value` in a query or as a filter option, how a
//! user's value for it is read, and its help text. The tantivy schema, the
//! stored and printed records, the query compiler, the facet list, the filters,
//! `eval` and the Quickwit mapping test are all built from this table: adding a
//! field is one row here plus its extractor in `extract`.

mod json;
mod table;

pub use json::{JUDGEMENTS_KEY, Printed, read_record};
pub use table::FIELDS;

use serde_json::Value as Json;
use time::Date;

use crate::record::{DocRecord, format_date};

/// What a field's values are, which decides how they are indexed and matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// One exact value: a raw term with a fast column for facets.
    Keyword,
    /// A grade (`judgement` and the sub-judgements): a keyword of four values.
    Grade,
    /// Several exact values (`authorities`): a raw term each, with a fast column.
    Keywords,
    /// Free text, tokenised with positions like the body (`title`).
    Text,
    /// People's names (`inspectors`): several exact values, matched by whole words.
    Names,
    /// A year: an integer, ranges, facets in year order.
    Year,
    /// A day `YYYY-MM-DD`: day numbers, ranges.
    Day,
    /// The names of a report's sections (`section`): several exact values, and
    /// each section's text in a positional field of its own (see `crate::schema`).
    Sections,
    /// Several free-text values, stored and printed, not indexed apart from the
    /// body that holds them (`improvements`).
    TextList,
}

/// Where a field's value appears in a document's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A top-level key of the same name.
    Top,
    /// A key of the `judgements` object (sub-judgements), present when graded.
    Judgements,
    /// Kept in the stored record only, never printed.
    StoredOnly,
}

/// How the values of a facet are ordered for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetOrder {
    /// Time-like values: in value order.
    ByValue,
    /// Most frequent first, then by value.
    ByCount,
}

/// How a field can be used as a filter option (`--authority NAME`, `?authority=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterOption {
    /// Not a filter.
    None,
    /// Its own option, named after the field (`_` written `-` on the command line).
    Own {
        value_name: &'static str,
        help: &'static str,
    },
    /// Through `--sub NAME=J` (sub-judgements).
    Sub,
    /// Through `--from DATE` / `--to DATE`.
    DateBounds,
}

/// A user's value for a field, read and normalised (what a filter or a
/// `field:value` term searches for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// This exact indexed term.
    Exact(String),
    /// Integers (years, day numbers) in this inclusive range.
    Range(i64, i64),
    /// Words to match in text (`title:`), or a run of words of a name (`inspector:`).
    Words(String),
}

/// One field's value in one document.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    Null,
    Str(&'a str),
    String(String),
    Int(i64),
    Day(Date),
    List(&'a [String]),
    /// A stored-only value kept as JSON (the sections' byte ranges).
    Json(Json),
}

impl Val<'_> {
    pub fn is_null(&self) -> bool {
        matches!(self, Val::Null)
    }

    /// The value as JSON.
    pub fn to_json(&self) -> Json {
        match self {
            Val::Null => Json::Null,
            Val::Str(s) => Json::String((*s).to_string()),
            Val::String(s) => Json::String(s.clone()),
            Val::Int(n) => Json::from(*n),
            Val::Day(d) => Json::String(format_date(*d)),
            Val::List(l) => Json::from(l.to_vec()),
            Val::Json(j) => j.clone(),
        }
    }

    /// The value as one string (empty when null; a list joined with `; `).
    pub fn to_text(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::Str(s) => (*s).to_string(),
            Val::String(s) => s.clone(),
            Val::Int(n) => n.to_string(),
            Val::Day(d) => format_date(*d),
            Val::List(l) => l.join("; "),
            Val::Json(j) => j.to_string(),
        }
    }
}

/// A labels-file column (`eval --labels`) and how its values compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub column: &'static str,
    pub compare: Compare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// The same text, surrounding spaces aside.
    Exact,
    /// The same grade; `none` (or an empty value) for no grade.
    Grade,
    /// The same person's name, whatever the case, spacing and punctuation.
    Name,
    /// The same text, whatever the case, spacing and quote marks (titles).
    Text,
    /// The same local authority, named any way the gazetteer knows.
    Authority,
    /// The same local authorities (`;`-separated), the main one first.
    Authorities,
}

pub(crate) const fn label(column: &'static str, compare: Compare) -> Option<Label> {
    Some(Label { column, compare })
}

pub(crate) type Getter = for<'a> fn(&'a DocRecord) -> Val<'a>;
pub(crate) type Setter = fn(&mut DocRecord, &Json) -> Option<()>;
pub(crate) type Parser = fn(&str) -> Result<Wanted, String>;
pub(crate) type Values = fn() -> Vec<&'static str>;

/// One metadata field.
pub struct FieldDef {
    /// The name users type (`field:value`, `--facet`, filters) and the name of
    /// its index field.
    pub name: &'static str,
    /// The key of its value in a document's JSON, when it differs from `name`
    /// (`inspectors` is faceted and filtered as `inspector`).
    pub json_key: Option<&'static str>,
    pub ty: Type,
    pub placement: Placement,
    /// The values printed and stored.
    pub get: Getter,
    /// Reads the stored value back; `None` for values derived from others.
    pub set: Option<Setter>,
    /// The values indexed, when the field is indexed (may differ from `get`:
    /// `date` indexes the day a document sits at in time, not only its own date).
    pub index: Option<Getter>,
    pub facet: Option<FacetOrder>,
    /// Usable as `field:value` in a query.
    pub query: bool,
    pub filter: FilterOption,
    /// Reads a user's value (filters and `field:value`).
    pub parse: Option<Parser>,
    /// The column of a labels file (`eval --labels`) it is compared with.
    pub label: Option<Label>,
    /// Every value the field can have, when there are a few (kinds, grades):
    /// what shell completion offers.
    pub values: Option<Values>,
    /// One line for help texts.
    pub help: &'static str,
}

impl std::fmt::Debug for FieldDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FieldDef({})", self.name)
    }
}

impl FieldDef {
    /// The key of the field's value in JSON.
    pub fn json_key(&self) -> &'static str {
        self.json_key.unwrap_or(self.name)
    }

    /// The field's value in a record.
    pub fn value<'a>(&self, record: &'a DocRecord) -> Val<'a> {
        (self.get)(record)
    }

    /// Read a user's value for this field.
    pub fn wanted(&self, value: &str) -> Result<Wanted, String> {
        match self.parse {
            Some(parse) => parse(value),
            None => Err(format!("'{}' cannot be searched", self.name)),
        }
    }
}

/// The field named `name` (case-insensitive, `-` read as `_`).
pub fn field(name: &str) -> Option<&'static FieldDef> {
    let name = name.trim().to_ascii_lowercase().replace('-', "_");
    FIELDS.iter().find(|f| f.name == name)
}

/// A field's possible values for completion (empty when open-ended).
pub fn completion_values(def: &FieldDef) -> Vec<&'static str> {
    def.values.map(|v| v()).unwrap_or_default()
}

/// Fields that can be faceted on.
pub fn facet_fields() -> impl Iterator<Item = &'static FieldDef> {
    FIELDS.iter().filter(|f| f.facet.is_some())
}

/// Fields compared with a labels file by `eval`.
pub fn labelled_fields() -> impl Iterator<Item = (&'static FieldDef, Label)> {
    FIELDS.iter().filter_map(|f| f.label.map(|l| (f, l)))
}

/// Fields usable as `field:value` in a query.
pub fn query_fields() -> impl Iterator<Item = &'static FieldDef> {
    FIELDS.iter().filter(|f| f.query)
}

/// Fields with a tantivy index field.
pub fn indexed_fields() -> impl Iterator<Item = &'static FieldDef> {
    FIELDS.iter().filter(|f| f.index.is_some())
}

/// The sub-judgement fields, in registry order.
pub fn sub_judgement_fields() -> impl Iterator<Item = &'static FieldDef> {
    FIELDS
        .iter()
        .filter(|f| f.placement == Placement::Judgements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_json_keys_too() {
        let mut names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FIELDS.len());
        let mut keys: Vec<&str> = FIELDS.iter().map(|f| f.json_key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), FIELDS.len());
    }

    #[test]
    fn every_searchable_field_reads_values_and_is_indexed() {
        for f in FIELDS {
            if f.query || f.filter != FilterOption::None || f.facet.is_some() {
                assert!(f.index.is_some(), "{} is used but not indexed", f.name);
            }
            if f.query || f.filter != FilterOption::None {
                assert!(f.parse.is_some(), "{} has no value reader", f.name);
            }
        }
    }

    #[test]
    fn sub_judgements_sit_together() {
        let first = FIELDS
            .iter()
            .position(|f| f.placement == Placement::Judgements)
            .unwrap();
        let count = sub_judgement_fields().count();
        assert!(
            FIELDS[first..first + count]
                .iter()
                .all(|f| f.placement == Placement::Judgements)
        );
    }

    #[test]
    fn user_values_are_read_and_refused_by_type() {
        let wanted = |name: &str, v: &str| field(name).unwrap().wanted(v);
        assert_eq!(
            wanted("judgement", "Requires improvement"),
            Ok(Wanted::Exact("requires_improvement".into()))
        );
        assert_eq!(wanted("year", "2018..2020"), Ok(Wanted::Range(2018, 2020)));
        assert!(wanted("kind", "letter").is_err());
        assert!(wanted("inspector", "  ").is_err());
        assert_eq!(field("academic-year").unwrap().name, "academic_year");
    }

    /// `quickwit/ofsearch-index.yaml` maps exactly the printed fields of the
    /// registry (plus the exported `text`), each with the type its values need.
    #[test]
    fn quickwit_mapping_matches_the_registry() {
        let yaml = include_str!("../../quickwit/ofsearch-index.yaml");
        // (indent of `- name:`, name) -> type and tokenizer lines that follow it.
        let mut mapped: Vec<(usize, String, String, String)> = Vec::new();
        for line in yaml.lines() {
            let indent = line.len() - line.trim_start().len();
            let t = line.trim();
            if let Some(name) = t.strip_prefix("- name: ") {
                mapped.push((indent, name.to_string(), String::new(), String::new()));
            } else if let Some(last) = mapped.last_mut() {
                if let Some(ty) = t.strip_prefix("type: ") {
                    last.2 = ty.to_string();
                } else if let Some(tok) = t.strip_prefix("tokenizer: ") {
                    last.3 = tok.to_string();
                }
            }
        }
        let top = mapped.iter().map(|m| m.0).min().unwrap();
        let lookup = |nested: bool, name: &str| {
            mapped
                .iter()
                .find(|m| (m.0 > top) == nested && m.1 == name)
                .map(|m| (m.2.as_str(), m.3.as_str()))
        };
        let mut expected: Vec<(bool, &str)> = vec![(false, "text")];
        for f in FIELDS {
            let nested = match f.placement {
                Placement::Top => false,
                Placement::Judgements => true,
                Placement::StoredOnly => continue,
            };
            expected.push((nested, f.json_key()));
            let want = match f.ty {
                Type::Keyword | Type::Grade => ("text", "raw"),
                Type::Text => ("text", "default"),
                Type::Names | Type::Keywords => ("array<text>", "raw"),
                Type::Year => ("i64", ""),
                Type::Day => ("datetime", ""),
                Type::Sections => ("array<text>", "raw"),
                Type::TextList => ("array<text>", "default"),
            };
            assert_eq!(
                lookup(nested, f.json_key()),
                Some(want),
                "quickwit mapping of {}",
                f.name
            );
        }
        if sub_judgement_fields().next().is_some() {
            expected.push((false, JUDGEMENTS_KEY));
        }
        let mut all: Vec<(bool, &str)> = mapped.iter().map(|m| (m.0 > top, m.1.as_str())).collect();
        all.sort();
        expected.sort();
        assert_eq!(all, expected, "mapped fields and registry fields differ");
    }
}
