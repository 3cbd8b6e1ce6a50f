//! The rows of the field registry, in the order of a document's JSON, and the
//! small readers and writers they are made of.

use serde_json::Value as Json;
use time::Date;

use super::{Compare, FacetOrder, FieldDef, FilterOption, Placement, Type, Val, Wanted, label};
use crate::extract::{self, Judgement, Kind, Section, SectionName, Sections};
use crate::ingest::Format;
use crate::record::{DocRecord, academic_year, parse_date};

/// The defaults of a row: a top-level JSON value, stored, not indexed, not
/// searchable. Rows below name only what differs.
const FIELD: FieldDef = FieldDef {
    name: "",
    json_key: None,
    ty: Type::Keyword,
    placement: Placement::Top,
    get: |_| Val::Null,
    set: None,
    index: None,
    facet: None,
    query: false,
    filter: FilterOption::None,
    parse: None,
    label: None,
    values: None,
    help: "",
};

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
            values: Some(grades),
            help: $help,
        }
    };
}

/// Every field, in the order of a document's JSON.
pub static FIELDS: &[FieldDef] = &[
    FieldDef {
        name: "path",
        ty: Type::Keyword,
        get: |r| Val::Str(&r.path),
        set: Some(|r, v| {
            r.path = v.as_str()?.to_string();
            Some(())
        }),
        help: "the file, as found under the corpus folder given",
        ..FIELD
    },
    FieldDef {
        name: "title",
        ty: Type::Text,
        get: |r| Val::Str(&r.meta.title),
        set: Some(|r, v| {
            r.meta.title = v.as_str()?.to_string();
            Some(())
        }),
        index: Some(|r| Val::Str(&r.meta.title)),
        query: true,
        parse: Some(|v| Ok(Wanted::Words(v.to_string()))),
        label: label("title", Compare::Text),
        help: "headline or letter subject",
        ..FIELD
    },
    FieldDef {
        name: "kind",
        ty: Type::Keyword,
        get: |r| Val::Str(r.meta.kind.as_str()),
        set: Some(|r, v| {
            r.meta.kind = Kind::parse(v.as_str()?)?;
            Some(())
        }),
        index: Some(|r| Val::Str(r.meta.kind.as_str())),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own {
            value_name: "K",
            help: "Only this kind: ilacs, sif, focused_visit, monitoring_visit, area_send, article, other",
        },
        parse: Some(parse_kind),
        label: label("kind", Compare::Exact),
        values: Some(|| Kind::ALL.map(|k| k.as_str()).to_vec()),
        help: "ilacs, sif, focused_visit, monitoring_visit, area_send, article, other",
        ..FIELD
    },
    FieldDef {
        name: "authority",
        ty: Type::Keyword,
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
        filter: FilterOption::Own {
            value_name: "NAME",
            help: "Only this local authority (name, common alternative name or LA code)",
        },
        parse: Some(parse_authority),
        label: label("authority", Compare::Authority),
        help: "the local authority the document is about (none for an article about several or national figures)",
        ..FIELD
    },
    FieldDef {
        name: "authorities",
        ty: Type::Keywords,
        get: |r| Val::List(&r.meta.authorities),
        set: Some(|r, v| {
            r.meta.authorities = strings_of(v)?
                .iter()
                .map(|n| extract::find_authority(n).map(|a| a.name.clone()))
                .collect::<Option<Vec<_>>>()?;
            Some(())
        }),
        index: Some(|r| Val::List(&r.meta.authorities)),
        query: true,
        parse: Some(parse_authority),
        label: label("authorities", Compare::Authorities),
        help: "every local authority the document is about, the main one first",
        ..FIELD
    },
    FieldDef {
        name: "la_code",
        ty: Type::Keyword,
        get: |r| authority_val(r, |a| &a.la_code),
        index: Some(|r| authority_val(r, |a| &a.la_code)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        parse: Some(|v| Ok(Wanted::Exact(v.trim().to_string()))),
        label: label("la_code", Compare::Exact),
        help: "the authority's 3-digit DfE code",
        ..FIELD
    },
    FieldDef {
        name: "ons_code",
        ty: Type::Keyword,
        get: |r| authority_val(r, |a| &a.ons_code),
        help: "the authority's ONS code",
        ..FIELD
    },
    FieldDef {
        name: "region",
        ty: Type::Keyword,
        get: |r| authority_val(r, |a| &a.region),
        index: Some(|r| authority_val(r, |a| &a.region)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own {
            value_name: "NAME",
            help: "Only this region (e.g. \"Yorkshire and the Humber\")",
        },
        parse: Some(parse_region),
        values: Some(|| extract::regions().to_vec()),
        help: "the authority's region (e.g. \"Yorkshire and the Humber\")",
        ..FIELD
    },
    FieldDef {
        name: "date",
        ty: Type::Day,
        get: |r| day_val(r.meta.date),
        set: Some(|r, v| {
            r.meta.date = day_of(v)?;
            Some(())
        }),
        index: Some(|r| day_val(r.meta.when())),
        query: true,
        filter: FilterOption::DateBounds,
        parse: Some(parse_days),
        label: label("date_stated", Compare::Exact),
        help: "the document's own date: a letter's date, an article's publication date",
        ..FIELD
    },
    FieldDef {
        name: "year",
        ty: Type::Year,
        get: year_val,
        index: Some(year_val),
        facet: Some(FacetOrder::ByValue),
        query: true,
        filter: FilterOption::Own {
            value_name: "YEAR",
            help: "Only this year, or a range: 2018..2020",
        },
        parse: Some(parse_years),
        help: "year of the date (for a report without one, of its inspection's last day)",
        ..FIELD
    },
    FieldDef {
        name: "academic_year",
        ty: Type::Keyword,
        get: academic_year_val,
        index: Some(academic_year_val),
        facet: Some(FacetOrder::ByValue),
        query: true,
        filter: FilterOption::Own {
            value_name: "YYYY/YY",
            help: "Only this academic year (September to August): 2019/20",
        },
        parse: Some(|v| {
            crate::query::parse_academic_year(v)
                .map(Wanted::Exact)
                .map_err(message)
        }),
        help: "academic year (September to August): 2019/20",
        ..FIELD
    },
    FieldDef {
        name: "inspection_start",
        ty: Type::Day,
        get: |r| day_val(r.meta.inspection_start),
        set: Some(|r, v| {
            r.meta.inspection_start = day_of(v)?;
            Some(())
        }),
        label: label("inspection_start", Compare::Exact),
        help: "first day of the inspection or visit",
        ..FIELD
    },
    FieldDef {
        name: "inspection_end",
        ty: Type::Day,
        get: |r| day_val(r.meta.inspection_end),
        set: Some(|r, v| {
            r.meta.inspection_end = day_of(v)?;
            Some(())
        }),
        label: label("inspection_end", Compare::Exact),
        help: "last day of the inspection or visit",
        ..FIELD
    },
    FieldDef {
        name: "inspector",
        json_key: Some("inspectors"),
        ty: Type::Names,
        get: |r| Val::List(&r.meta.inspectors),
        set: Some(|r, v| {
            r.meta.inspectors = strings_of(v)?;
            Some(())
        }),
        index: Some(|r| Val::List(&r.meta.inspectors)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own {
            value_name: "NAME",
            help: "Only documents naming this inspector (full name or surname)",
        },
        parse: Some(parse_inspector),
        help: "an inspector who carried out the inspection (full name or surname)",
        ..FIELD
    },
    FieldDef {
        name: "lead_inspector",
        ty: Type::Keyword,
        get: |r| opt_str(&r.meta.lead_inspector),
        set: Some(|r, v| {
            r.meta.lead_inspector = opt_string_of(v)?;
            Some(())
        }),
        label: label("lead_inspector", Compare::Name),
        help: "the lead inspector",
        ..FIELD
    },
    FieldDef {
        name: "judgement",
        ty: Type::Grade,
        get: |r| grade_val(r.meta.judgement),
        set: Some(|r, v| {
            r.meta.judgement = grade_of(v)?;
            Some(())
        }),
        index: Some(|r| grade_val(r.meta.judgement)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own {
            value_name: "J",
            help: "Only this overall judgement: outstanding, good, requires_improvement, inadequate",
        },
        parse: Some(parse_grade),
        label: label("overall_judgement", Compare::Grade),
        values: Some(grades),
        help: "overall effectiveness: outstanding, good, requires_improvement, inadequate",
        ..FIELD
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
        name: "section",
        json_key: Some("sections"),
        ty: Type::Sections,
        get: |r| Val::List(&r.meta.sections.names),
        index: Some(|r| Val::List(&r.meta.sections.names)),
        facet: Some(FacetOrder::ByCount),
        query: true,
        filter: FilterOption::Own {
            value_name: "NAME",
            help: "Only reports with this section, the query's words searched inside it: summary, priority, improve, strengths, findings, help_and_protection, children_in_care, care_leavers, adoption, leadership, lscb (or an alias: recommendations, headline, leaders, ...)",
        },
        parse: Some(parse_section),
        help: "a section of a report: summary, priority, improve, strengths, findings, or a judgement area; `section:improve \"chronic neglect\"` finds the phrase inside it",
        ..FIELD
    },
    FieldDef {
        name: "improvements",
        ty: Type::TextList,
        get: |r| Val::List(&r.meta.sections.improvements),
        set: Some(|r, v| {
            r.meta.sections.improvements = strings_of(v)?;
            Some(())
        }),
        help: "the report's improvement points (what needs to improve, recommendations, areas for priority action)",
        ..FIELD
    },
    FieldDef {
        name: "format",
        ty: Type::Keyword,
        get: |r| Val::Str(r.format.as_str()),
        set: Some(|r, v| {
            r.format = format_of(v.as_str()?)?;
            Some(())
        }),
        help: "the format the file was read as: txt, md, html, pdf",
        ..FIELD
    },
    FieldDef {
        name: "source",
        ty: Type::Keyword,
        placement: Placement::StoredOnly,
        get: |r| Val::Str(&r.source),
        set: Some(|r, v| {
            r.source = v.as_str()?.to_string();
            Some(())
        }),
        help: "the absolute path of the file",
        ..FIELD
    },
    FieldDef {
        name: "long_text",
        ty: Type::Keyword,
        placement: Placement::StoredOnly,
        get: |r| r.long_text.as_deref().map_or(Val::Null, Val::Str),
        set: Some(|r, v| {
            r.long_text = v.as_str().map(str::to_string);
            Some(())
        }),
        help: "the file beside the index that holds the whole clean text, when it is too long to store with the document",
        ..FIELD
    },
    FieldDef {
        name: "section_spans",
        ty: Type::Keyword,
        placement: Placement::StoredOnly,
        get: |r| Val::Json(spans_json(&r.meta.sections)),
        set: Some(|r, v| {
            let improvements = std::mem::take(&mut r.meta.sections.improvements);
            r.meta.sections = Sections::from_spans(spans_of(v)?, improvements);
            Some(())
        }),
        help: "where each section's text is in the clean text: [name, start byte, end byte]",
        ..FIELD
    },
];

fn spans_json(s: &Sections) -> Json {
    Json::Array(
        s.spans
            .iter()
            .map(|x| {
                Json::from(vec![
                    Json::from(x.name.as_str()),
                    Json::from(x.start),
                    Json::from(x.end),
                ])
            })
            .collect(),
    )
}

/// Spans read back; a section name no longer known is dropped.
fn spans_of(v: &Json) -> Option<Vec<Section>> {
    let Json::Array(items) = v else {
        return v.is_null().then(Vec::new);
    };
    let mut out = Vec::new();
    for item in items {
        let [name, start, end] = item.as_array()?.as_slice() else {
            return None;
        };
        let (start, end) = (start.as_u64()? as usize, end.as_u64()? as usize);
        if let Some(name) = SectionName::parse(name.as_str()?) {
            out.push(Section { name, start, end });
        }
    }
    Some(out)
}

fn parse_section(v: &str) -> Result<Wanted, String> {
    SectionName::parse(v)
        .map(|n| Wanted::Exact(n.as_str().to_string()))
        .ok_or_else(|| {
            format!(
                "unknown section '{v}' ({})",
                SectionName::ALL.map(|n| n.as_str()).join(", ")
            )
        })
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
                "unknown kind '{v}' ({})",
                Kind::ALL.map(|k| k.as_str()).join(", ")
            )
        })
}

fn grades() -> Vec<&'static str> {
    Judgement::ALL.map(|j| j.as_str()).to_vec()
}

fn parse_grade(v: &str) -> Result<Wanted, String> {
    Judgement::parse(v)
        .map(|j| Wanted::Exact(j.as_str().to_string()))
        .ok_or_else(|| {
            format!(
                "unknown judgement '{v}' ({})",
                Judgement::ALL.map(|j| j.as_str()).join(", ")
            )
        })
}

fn parse_authority(v: &str) -> Result<Wanted, String> {
    extract::resolve_authority(v).map(|a| Wanted::Exact(a.name.clone()))
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
