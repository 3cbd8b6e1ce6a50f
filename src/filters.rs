//! Metadata filters: `--year 2018..2020` on the command line, `year=2018..2020` in a
//! URL. The values are checked and normalised here, once, for both; the callers
//! only name the filters in their own syntax when they report an error.

use std::fmt;
use std::sync::LazyLock;

use crate::error::Error;
use crate::fields::{self, FieldDef, FilterOption, Wanted};
use crate::query::parse_date_range;
use crate::record::{format_date, parse_date};

/// One filter users can give: `--NAME VALUE` on the command line, `NAME=VALUE`
/// in a URL.
#[derive(Debug)]
pub struct FilterSpec {
    /// As in URLs and messages (`academic_year`).
    pub name: &'static str,
    /// As on the command line (`academic-year`).
    pub option: &'static str,
    pub value_name: &'static str,
    pub help: &'static str,
    /// Given several times, each value a filter (`sub`); the others once.
    pub repeatable: bool,
}

/// Every filter, in the order of the field registry: each field's own filter,
/// `from`/`to` for the date bounds, `sub` for the sub-judgements.
pub static SPECS: LazyLock<Vec<FilterSpec>> = LazyLock::new(|| {
    let mut specs = Vec::new();
    let mut sub = false;
    for f in fields::FIELDS {
        match f.filter {
            FilterOption::None => {}
            FilterOption::Own { value_name, help } => specs.push(FilterSpec {
                name: f.name,
                option: option_of(f.name),
                value_name,
                help,
                repeatable: false,
            }),
            FilterOption::DateBounds => {
                for (name, help) in [
                    (
                        "from",
                        "Only documents dated on or after this day (YYYY-MM-DD)",
                    ),
                    (
                        "to",
                        "Only documents dated on or before this day (YYYY-MM-DD)",
                    ),
                ] {
                    specs.push(FilterSpec {
                        name,
                        option: name,
                        value_name: "DATE",
                        help,
                        repeatable: false,
                    });
                }
            }
            FilterOption::Sub if !sub => {
                sub = true;
                specs.push(FilterSpec {
                    name: "sub",
                    option: "sub",
                    value_name: "NAME=J",
                    help: "Only documents with this sub-judgement, e.g. care_leavers=good (repeatable)",
                    repeatable: true,
                });
            }
            FilterOption::Sub => {}
        }
    }
    specs
});

/// `academic_year` -> `academic-year`, made once for the program's lifetime.
fn option_of(name: &'static str) -> &'static str {
    if name.contains('_') {
        Box::leak(name.replace('_', "-").into_boxed_str())
    } else {
        name
    }
}

/// The filter names, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    SPECS.iter().map(|s| s.name)
}

/// The filter called `name`.
pub fn spec(name: &str) -> Option<&'static FilterSpec> {
    SPECS.iter().find(|s| s.name == name)
}

/// Checked metadata filters, as `(field, value)` pairs with the same meaning as
/// `field:value` in a query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub terms: Vec<(String, String)>,
}

/// A filter value that was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    /// The value given for the filter `name` is not valid; `reason` says why.
    Invalid { name: &'static str, reason: String },
    /// `from` is a later day than `to`.
    FromAfterTo,
    /// Our fault, not the user's: a name that is not in [`SPECS`], a check
    /// that cannot fail failing.
    Internal(String),
}

impl FilterError {
    /// The message, each filter named by `name_of` (`--year` for the command line).
    pub fn message(&self, name_of: impl Fn(&str) -> String) -> String {
        match self {
            FilterError::Invalid { name, reason } => format!("{}: {reason}", name_of(name)),
            FilterError::FromAfterTo => format!("{} is after {}", name_of("from"), name_of("to")),
            FilterError::Internal(message) => message.clone(),
        }
    }

    /// The error, the filters named by `name_of`: a usage error, or an internal
    /// one when the fault is ours.
    pub fn into_error(self, name_of: impl Fn(&str) -> String) -> Error {
        match self {
            FilterError::Internal(message) => Error::Internal(message),
            _ => Error::Usage(self.message(name_of)),
        }
    }
}

/// The message with the filters named as themselves (`year: ...`).
impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(str::to_string))
    }
}

impl From<FilterError> for Error {
    fn from(e: FilterError) -> Error {
        e.into_error(str::to_string)
    }
}

fn invalid(name: &'static str, reason: impl Into<String>) -> FilterError {
    FilterError::Invalid {
        name,
        reason: reason.into(),
    }
}

/// The reason of a query-language error, without its "invalid query: " prefix.
fn reason(e: Error) -> String {
    match e {
        Error::Query(m) => m.to_string(),
        other => other.to_string(),
    }
}

impl Filters {
    /// Check and normalise `(name, value)` pairs such as `("authority", "Hull")`,
    /// `("year", "2018..2020")` or `("sub", "care_leavers=good")`, names from
    /// [`SPECS`]; a later value of a single filter replaces an earlier one. The
    /// terms come out in the order of [`SPECS`] whatever the order given; the
    /// first refused value (in that order) is the error.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filters, FilterError> {
        let mut given: Vec<Vec<&'a str>> = vec![Vec::new(); SPECS.len()];
        for (name, value) in pairs {
            let i = SPECS
                .iter()
                .position(|s| s.name == name)
                .ok_or_else(|| FilterError::Internal(format!("'{name}' is not a filter")))?;
            if !SPECS[i].repeatable {
                given[i].clear();
            }
            given[i].push(value);
        }
        let value = |name: &str| {
            let i = SPECS.iter().position(|s| s.name == name)?;
            given[i].first().copied()
        };
        let mut terms = Vec::new();
        for (spec, values) in SPECS.iter().zip(&given) {
            match spec.name {
                "to" => {}
                "from" => {
                    if let Some(range) = date_range(value("from"), value("to"))? {
                        terms.push(("date".into(), range));
                    }
                }
                "sub" => {
                    for s in values {
                        terms.push(sub_judgement(s)?);
                    }
                }
                name => {
                    let Some(v) = values.first() else { continue };
                    let field = fields::field(name).ok_or_else(|| {
                        FilterError::Internal(format!("the filter '{name}' has no field"))
                    })?;
                    terms.push((field.name.to_string(), checked(field, spec.name, v)?));
                }
            }
        }
        Ok(Filters { terms })
    }
}

/// A field's value read by the field's own reader: the term it names, or the
/// value as given when it is a range or words.
fn checked(field: &FieldDef, name: &'static str, value: &str) -> Result<String, FilterError> {
    match field
        .wanted(value)
        .map_err(|reason| invalid(name, reason))?
    {
        Wanted::Exact(term) => Ok(term),
        Wanted::Words(words) => Ok(words),
        Wanted::Range(..) => Ok(value.trim().to_string()),
    }
}

/// `from` and `to` as one `date` range (`2019-01-01..`), each day normalised.
fn date_range(from: Option<&str>, to: Option<&str>) -> Result<Option<String>, FilterError> {
    let day = |name: &'static str, value: &str| {
        parse_date(value)
            .map(format_date)
            .ok_or_else(|| invalid(name, format!("'{value}' is not a date (YYYY-MM-DD)")))
    };
    let from = from.map(|d| day("from", d)).transpose()?;
    let to = to.map(|d| day("to", d)).transpose()?;
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    let range = format!("{}..{}", from.unwrap_or_default(), to.unwrap_or_default());
    // Both ends are dates already: a range they make is always one.
    let (lo, hi) = parse_date_range(&range)
        .map_err(|e| FilterError::Internal(format!("the date range {range}: {}", reason(e))))?;
    if lo > hi {
        return Err(FilterError::FromAfterTo);
    }
    Ok(Some(range))
}

/// `care_leavers=good` -> `("care_leavers", "good")`.
fn sub_judgement(s: &str) -> Result<(String, String), FilterError> {
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| invalid("sub", format!("expected NAME=JUDGEMENT, got '{s}'")))?;
    let name = name.trim().to_ascii_lowercase();
    let Some(field) = fields::sub_judgement_fields().find(|f| f.name == name) else {
        let subs: Vec<&str> = fields::sub_judgement_fields().map(|f| f.name).collect();
        return Err(invalid(
            "sub",
            format!("unknown sub-judgement '{name}' ({})", subs.join(", ")),
        ));
    };
    Ok((field.name.to_string(), checked(field, "sub", value)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(pairs: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
        Filters::from_pairs(pairs.iter().copied())
            .expect("valid filters")
            .terms
    }

    fn error(pairs: &[(&'static str, &'static str)]) -> FilterError {
        Filters::from_pairs(pairs.iter().copied()).expect_err("refused")
    }

    #[test]
    fn values_are_normalised_and_ordered_by_name() {
        assert_eq!(
            terms(&[
                ("sub", "Care_Leavers=Good"),
                ("kind", "ilacs"),
                ("academic_year", "2019-2020"),
                ("year", "2018..2020"),
                ("to", "2020-1-5"),
            ]),
            // The order of the field registry.
            vec![
                ("kind".to_string(), "ilacs".to_string()),
                ("date".to_string(), "..2020-01-05".to_string()),
                ("year".to_string(), "2018..2020".to_string()),
                ("academic_year".to_string(), "2019/20".to_string()),
                ("care_leavers".to_string(), "good".to_string()),
            ]
        );
        assert!(terms(&[]).is_empty());
    }

    #[test]
    fn errors_name_the_filter_in_the_callers_syntax() {
        let e = error(&[("year", "twenty")]);
        assert_eq!(
            e.to_string(),
            "year: 'twenty' is not a year or a range like 2018..2020"
        );
        let option = |n: &str| format!("--{}", n.replace('_', "-"));
        assert!(
            error(&[("academic_year", "2019")])
                .message(option)
                .starts_with("--academic-year: ")
        );
        let e = error(&[("from", "2020-02-01"), ("to", "2020-01-01")]);
        assert_eq!(e.to_string(), "from is after to");
        assert_eq!(e.message(option), "--from is after --to");
        assert!(matches!(
            Error::from(error(&[("colour", "red")])),
            Error::Internal(_)
        ));
        assert!(matches!(
            Error::from(error(&[("kind", "nonsense")])),
            Error::Usage(_)
        ));
    }

    #[test]
    fn every_filter_field_is_a_filter_and_reads_its_values() {
        let names: Vec<&str> = names().collect();
        for f in crate::fields::FIELDS {
            if let FilterOption::Own { .. } = f.filter {
                assert!(names.contains(&f.name), "{}", f.name);
            }
        }
        assert!(names.contains(&"from") && names.contains(&"to") && names.contains(&"sub"));
        assert_eq!(spec("academic_year").unwrap().option, "academic-year");
        assert_eq!(
            terms(&[("authority", "hull"), ("judgement", "Requires improvement")]),
            vec![
                (
                    "authority".to_string(),
                    "Kingston Upon Hull, City of".to_string()
                ),
                ("judgement".to_string(), "requires_improvement".to_string()),
            ]
        );
    }

    #[test]
    fn the_first_refused_value_in_name_order_is_reported() {
        let e = error(&[("year", "x"), ("kind", "nonsense")]);
        assert!(e.to_string().starts_with("kind: "), "{e}");
        let e = error(&[("sub", "care_leavers"), ("inspector", " ")]);
        assert_eq!(e.to_string(), "inspector: empty name");
        let e = error(&[("sub", "care_leavers")]);
        assert_eq!(
            e.to_string(),
            "sub: expected NAME=JUDGEMENT, got 'care_leavers'"
        );
    }
}
