//! The field registry: every metadata field of a document, once.
//!
//! One row per field says what the field is called, what its values look like,
//! where it appears in a document's JSON, how it is indexed, whether it can be
//! faceted on, used as `field:value` in a query or as a filter option, how a
//! user's value for it is read, and its help text. The tantivy schema, the
//! stored and printed records, the query compiler, the facet list, the filters,
//! `eval` and the Quickwit mapping test are all built from this table: adding a
//! field is one row here plus its extractor in `extract`.

use serde::ser::{SerializeMap, Serializer};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use time::Date;

use crate::extract::{self, Judgement, Kind};
use crate::ingest::Format;
use crate::record::{DocRecord, academic_year, format_date, parse_date};

/// What a field's values are, which decides how they are indexed and matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// One exact value: a raw term with a fast column for facets.
    Keyword,
    /// A grade (`judgement` and the sub-judgements): a keyword of four values.
    Grade,
    /// Free text, tokenised with positions like the body (`title`).
    Text,
    /// People's names (`inspectors`): several exact values, matched by whole words.
    Names,
    /// A year: an integer, ranges, facets in year order.
    Year,
    /// A day `YYYY-MM-DD`: day numbers, ranges.
    Day,
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
    /// Its own option, named after the field (`_` written `-`).
    Own { value_name: &'static str },
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
}

const fn label(column: &'static str, compare: Compare) -> Option<Label> {
    Some(Label { column, compare })
}

type Getter = for<'a> fn(&'a DocRecord) -> Val<'a>;
type Setter = fn(&mut DocRecord, &Json) -> Option<()>;
type Parser = fn(&str) -> Result<Wanted, String>;

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

/// A sub-judgement row: a grade kept in the `judgements` object.
macro_rules! sub_judgement {
    ($name:literal, $field:ident, $help:literal) => {
        FieldDef {
            name: $name,
            json_key: None,
            ty: Type::Grade,
            placement: Placement::Judgements,
            get: |r| grade_val(r.meta.judgements.$field),
            set: Some(|r, v| {
                r.meta.judgements.$field = grade_of(v)?;
                Some(())
            }),
            index: Some(|r| grade_val(r.meta.judgements.$field)),
            facet: Some(FacetOrder::ByCount),
            query: true,
            filter: FilterOption::Sub,
            parse: Some(parse_grade),
            label: label($name, Compare::Grade),
            help: $help,
        }
    };
}

/// Every field, in the order of a document's JSON.
pub static FIELDS: &[FieldDef] = &[
    FieldDef {
        name: "path",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| Val::Str(&r.path),
        set: Some(|r, v| {
            r.path = v.as_str()?.to_string();
            Some(())
        }),
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: None,
        help: "the file, as found under the corpus folder given",
    },
    FieldDef {
        name: "title",
        json_key: None,
        ty: Type::Text,
        placement: Placement::Top,
        get: |r| Val::Str(&r.meta.title),
        set: Some(|r, v| {
            r.meta.title = v.as_str()?.to_string();
            Some(())
        }),
        index: Some(|r| Val::Str(&r.meta.title)),
        facet: None,
        query: true,
        filter: FilterOption::None,
        parse: Some(|v| Ok(Wanted::Words(v.to_string()))),
        label: None,
        help: "headline or letter subject",
    },
    FieldDef {
        name: "kind",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| Val::Str(r.meta.kind.as_str()),
        set: Some(|r, v| {
            r.meta.kind = Kind::parse(v.as_str()?)?;
            Some(())
        }),
        index: Some(|r| Val::Str(r.meta.kind.as_str())),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own { value_name: "K" },
        parse: Some(parse_kind),
        label: label("kind", Compare::Exact),
        help: "ilacs, sif, focused_visit, monitoring_visit, area_send, article, other",
    },
    FieldDef {
        name: "authority",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| authority_val(r, |a| &a.name),
        set: Some(|r, v| {
            r.meta.authority = match v {
                Json::Null => None,
                v => Some(extract::find_authority(v.as_str()?)?),
            };
            Some(())
        }),
        index: Some(|r| authority_val(r, |a| &a.name)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own { value_name: "NAME" },
        parse: Some(parse_authority),
        label: None,
        help: "the local authority (name, common alternative name or LA code)",
    },
    FieldDef {
        name: "la_code",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| authority_val(r, |a| &a.la_code),
        set: None,
        index: Some(|r| authority_val(r, |a| &a.la_code)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::None,
        parse: Some(|v| Ok(Wanted::Exact(v.trim().to_string()))),
        label: label("la_code", Compare::Exact),
        help: "the authority's 3-digit DfE code",
    },
    FieldDef {
        name: "ons_code",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| authority_val(r, |a| &a.ons_code),
        set: None,
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: None,
        help: "the authority's ONS code",
    },
    FieldDef {
        name: "region",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| authority_val(r, |a| &a.region),
        set: None,
        index: Some(|r| authority_val(r, |a| &a.region)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own { value_name: "NAME" },
        parse: Some(parse_region),
        label: None,
        help: "the authority's region (e.g. \"Yorkshire and the Humber\")",
    },
    FieldDef {
        name: "date",
        json_key: None,
        ty: Type::Day,
        placement: Placement::Top,
        get: |r| day_val(r.meta.date),
        set: Some(|r, v| {
            r.meta.date = day_of(v)?;
            Some(())
        }),
        index: Some(|r| day_val(r.meta.when())),
        facet: None,
        query: true,
        filter: FilterOption::DateBounds,
        parse: Some(parse_days),
        label: label("date_stated", Compare::Exact),
        help: "the document's own date: a letter's date, an article's publication date",
    },
    FieldDef {
        name: "year",
        json_key: None,
        ty: Type::Year,
        placement: Placement::Top,
        get: year_val,
        set: None,
        index: Some(year_val),
        facet: Some(FacetOrder::ByValue),
        query: true,
        filter: FilterOption::Own { value_name: "YEAR" },
        parse: Some(parse_years),
        label: None,
        help: "year of the date (for a report without one, of its inspection's last day)",
    },
    FieldDef {
        name: "academic_year",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: academic_year_val,
        set: None,
        index: Some(academic_year_val),
        facet: Some(FacetOrder::ByValue),
        query: true,
        filter: FilterOption::Own {
            value_name: "YYYY/YY",
        },
        parse: Some(|v| {
            crate::query::parse_academic_year(v)
                .map(Wanted::Exact)
                .map_err(message)
        }),
        label: None,
        help: "academic year (September to August): 2019/20",
    },
    FieldDef {
        name: "inspection_start",
        json_key: None,
        ty: Type::Day,
        placement: Placement::Top,
        get: |r| day_val(r.meta.inspection_start),
        set: Some(|r, v| {
            r.meta.inspection_start = day_of(v)?;
            Some(())
        }),
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: label("inspection_start", Compare::Exact),
        help: "first day of the inspection or visit",
    },
    FieldDef {
        name: "inspection_end",
        json_key: None,
        ty: Type::Day,
        placement: Placement::Top,
        get: |r| day_val(r.meta.inspection_end),
        set: Some(|r, v| {
            r.meta.inspection_end = day_of(v)?;
            Some(())
        }),
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: label("inspection_end", Compare::Exact),
        help: "last day of the inspection or visit",
    },
    FieldDef {
        name: "inspector",
        json_key: Some("inspectors"),
        ty: Type::Names,
        placement: Placement::Top,
        get: |r| Val::List(&r.meta.inspectors),
        set: Some(|r, v| {
            r.meta.inspectors = strings_of(v)?;
            Some(())
        }),
        index: Some(|r| Val::List(&r.meta.inspectors)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own { value_name: "NAME" },
        parse: Some(parse_inspector),
        label: None,
        help: "an inspector who carried out the inspection (full name or surname)",
    },
    FieldDef {
        name: "lead_inspector",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| opt_str(&r.meta.lead_inspector),
        set: Some(|r, v| {
            r.meta.lead_inspector = opt_string_of(v)?;
            Some(())
        }),
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: label("lead_inspector", Compare::Name),
        help: "the lead inspector",
    },
    FieldDef {
        name: "judgement",
        json_key: None,
        ty: Type::Grade,
        placement: Placement::Top,
        get: |r| grade_val(r.meta.judgement),
        set: Some(|r, v| {
            r.meta.judgement = grade_of(v)?;
            Some(())
        }),
        index: Some(|r| grade_val(r.meta.judgement)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own { value_name: "J" },
        parse: Some(parse_grade),
        label: label("overall_judgement", Compare::Grade),
        help: "overall effectiveness: outstanding, good, requires_improvement, inadequate",
    },
    sub_judgement!(
        "leadership",
        leadership,
        "impact of leaders on social work practice"
    ),
    sub_judgement!(
        "help_and_protection",
        help_and_protection,
        "experiences and progress of children who need help and protection"
    ),
    sub_judgement!(
        "children_in_care",
        children_in_care,
        "experiences and progress of children in care"
    ),
    sub_judgement!(
        "care_leavers",
        care_leavers,
        "experiences and progress of care leavers"
    ),
    sub_judgement!("adoption", adoption, "adoption performance (SIF)"),
    sub_judgement!(
        "lscb",
        lscb,
        "review of the Local Safeguarding Children Board (SIF)"
    ),
    FieldDef {
        name: "format",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::Top,
        get: |r| Val::Str(r.format.as_str()),
        set: Some(|r, v| {
            r.format = format_of(v.as_str()?)?;
            Some(())
        }),
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: None,
        help: "the format the file was read as: txt, md, html, pdf",
    },
    FieldDef {
        name: "source",
        json_key: None,
        ty: Type::Keyword,
        placement: Placement::StoredOnly,
        get: |r| Val::Str(&r.source),
        set: Some(|r, v| {
            r.source = v.as_str()?.to_string();
            Some(())
        }),
        index: None,
        facet: None,
        query: false,
        filter: FilterOption::None,
        parse: None,
        label: None,
        help: "the absolute path of the file",
    },
];

/// The field named `name` (case-insensitive, `-` read as `_`).
pub fn field(name: &str) -> Option<&'static FieldDef> {
    let name = name.trim().to_ascii_lowercase().replace('-', "_");
    FIELDS.iter().find(|f| f.name == name)
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

/// The key of the object that holds the sub-judgements in JSON.
pub const JUDGEMENTS_KEY: &str = "judgements";

/// Write a record's printed fields (or, with `stored`, every field) into a JSON map.
pub fn write_record<M: SerializeMap>(
    map: &mut M,
    record: &DocRecord,
    stored: bool,
) -> Result<(), M::Error> {
    let mut subs: Option<BTreeMap<&str, Json>> = None;
    for (i, f) in FIELDS.iter().enumerate() {
        match f.placement {
            Placement::Top => map.serialize_entry(f.json_key(), &f.value(record).to_json())?,
            Placement::StoredOnly if stored => {
                map.serialize_entry(f.json_key(), &f.value(record).to_json())?
            }
            Placement::StoredOnly => {}
            Placement::Judgements => {
                let subs = subs.get_or_insert_with(BTreeMap::new);
                let v = f.value(record);
                if !v.is_null() {
                    subs.insert(f.json_key(), v.to_json());
                }
                let last = FIELDS
                    .get(i + 1)
                    .is_none_or(|n| n.placement != Placement::Judgements);
                if last {
                    map.serialize_entry(JUDGEMENTS_KEY, subs)?;
                }
            }
        }
    }
    Ok(())
}

/// A record's printed fields as a JSON object (the `doc` record without `type`).
pub struct Printed<'a>(pub &'a DocRecord);

impl serde::Serialize for Printed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        write_record(&mut map, self.0, false)?;
        map.end()
    }
}

impl serde::Serialize for DocRecord {
    /// The stored form: every field, `source` included.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        write_record(&mut map, self, true)?;
        map.end()
    }
}

impl DocRecord {
    /// The sub-judgements given, by name (in name order, as printed).
    pub fn judgements(&self) -> BTreeMap<&'static str, Judgement> {
        sub_judgement_fields()
            .filter_map(|f| match f.value(self) {
                Val::Str(s) => Judgement::parse(s).map(|j| (f.name, j)),
                _ => None,
            })
            .collect()
    }
}

/// Read a stored record (the JSON written by `DocRecord`'s `Serialize`).
pub fn read_record(json: &str) -> Option<DocRecord> {
    let Json::Object(map) = serde_json::from_str::<Json>(json).ok()? else {
        return None;
    };
    let mut record = DocRecord::empty();
    let subs = map.get(JUDGEMENTS_KEY).and_then(Json::as_object);
    for f in FIELDS {
        let Some(set) = f.set else { continue };
        let value = match f.placement {
            Placement::Judgements => subs.and_then(|s| s.get(f.json_key())),
            _ => map.get(f.json_key()),
        };
        set(&mut record, value.unwrap_or(&Json::Null))?;
    }
    Some(record)
}

fn authority_val<'a>(r: &'a DocRecord, part: fn(&'a extract::Authority) -> &'a str) -> Val<'a> {
    r.meta.authority.map_or(Val::Null, |a| Val::Str(part(a)))
}

fn day_val<'a>(d: Option<Date>) -> Val<'a> {
    d.map_or(Val::Null, Val::Day)
}

fn year_val(r: &DocRecord) -> Val<'_> {
    r.meta
        .when()
        .map_or(Val::Null, |d| Val::Int(i64::from(d.year())))
}

fn academic_year_val(r: &DocRecord) -> Val<'_> {
    r.meta
        .when()
        .map_or(Val::Null, |d| Val::String(academic_year(d)))
}

fn grade_val<'a>(j: Option<Judgement>) -> Val<'a> {
    j.map_or(Val::Null, |j| Val::Str(j.as_str()))
}

fn opt_str(s: &Option<String>) -> Val<'_> {
    s.as_deref().map_or(Val::Null, Val::Str)
}

/// `Some(None)` for null, `Some(Some(day))` for a date, `None` when malformed.
fn day_of(v: &Json) -> Option<Option<Date>> {
    match v {
        Json::Null => Some(None),
        v => parse_date(v.as_str()?).map(Some),
    }
}

fn grade_of(v: &Json) -> Option<Option<Judgement>> {
    match v {
        Json::Null => Some(None),
        v => Judgement::parse(v.as_str()?).map(Some),
    }
}

fn opt_string_of(v: &Json) -> Option<Option<String>> {
    match v {
        Json::Null => Some(None),
        v => Some(Some(v.as_str()?.to_string())),
    }
}

fn strings_of(v: &Json) -> Option<Vec<String>> {
    match v {
        Json::Null => Some(Vec::new()),
        v => v
            .as_array()?
            .iter()
            .map(|s| s.as_str().map(str::to_string))
            .collect(),
    }
}

fn format_of(s: &str) -> Option<Format> {
    [Format::Text, Format::Markdown, Format::Html, Format::Pdf]
        .into_iter()
        .find(|f| f.as_str() == s)
}

/// The message of a value reader's error.
fn message(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::Query(m) => m.message,
        other => other.to_string(),
    }
}

fn parse_kind(v: &str) -> Result<Wanted, String> {
    Kind::parse(v)
        .map(|k| Wanted::Exact(k.as_str().to_string()))
        .ok_or_else(|| {
            format!(
                "unknown kind '{v}' (kinds: {})",
                Kind::ALL.map(|k| k.as_str()).join(", ")
            )
        })
}

fn parse_grade(v: &str) -> Result<Wanted, String> {
    Judgement::parse(v)
        .map(|j| Wanted::Exact(j.as_str().to_string()))
        .ok_or_else(|| {
            format!(
                "unknown judgement '{v}' (judgements: {})",
                Judgement::ALL.map(|j| j.as_str()).join(", ")
            )
        })
}

fn parse_authority(v: &str) -> Result<Wanted, String> {
    extract::find_authority(v)
        .map(|a| Wanted::Exact(a.name.clone()))
        .ok_or_else(|| format!("unknown authority '{v}'"))
}

fn parse_region(v: &str) -> Result<Wanted, String> {
    extract::find_region(v)
        .map(|r| Wanted::Exact(r.to_string()))
        .ok_or_else(|| format!("unknown region '{v}'"))
}

fn parse_inspector(v: &str) -> Result<Wanted, String> {
    let key = crate::schema::inspector_key(v);
    if key.is_empty() {
        return Err("empty name".to_string());
    }
    Ok(Wanted::Words(key))
}

fn parse_years(v: &str) -> Result<Wanted, String> {
    let (lo, hi) = crate::query::parse_year_range(v).map_err(message)?;
    Ok(Wanted::Range(i64::from(lo), i64::from(hi)))
}

fn parse_days(v: &str) -> Result<Wanted, String> {
    let (lo, hi) = crate::query::parse_date_range(v).map_err(message)?;
    Ok(Wanted::Range(lo, hi))
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
}
