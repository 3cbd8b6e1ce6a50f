//! Metadata filters: `--year 2018..2020` on the command line, `year=2018..2020` in a
//! URL. The values are checked and normalised here, once, for both; the callers
//! only name the filters in their own syntax when they report an error.

use std::fmt;

use crate::error::Error;
use crate::extract::{self, Judgement, Kind};
use crate::query::{parse_academic_year, parse_date_range, parse_year_range};
use crate::record::{format_date, parse_date};

/// The filters, in the order their terms are applied (and written into links).
/// `sub` (`NAME=JUDGEMENT`) may be given several times, the others once.
pub const NAMES: [&str; 10] = [
    "authority",
    "year",
    "academic_year",
    "from",
    "to",
    "judgement",
    "inspector",
    "kind",
    "region",
    "sub",
];

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
    /// Our fault, not the user's: a name that is not in [`NAMES`], a check
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

/// The values given, by filter; a later value of a single filter replaces an earlier one.
#[derive(Default)]
struct Given<'a> {
    single: [Option<&'a str>; NAMES.len() - 1],
    subs: Vec<&'a str>,
}

impl<'a> Given<'a> {
    fn get(&self, name: &str) -> Option<&'a str> {
        let i = NAMES.iter().position(|n| *n == name)?;
        self.single.get(i).copied().flatten()
    }
}

impl Filters {
    /// Check and normalise `(name, value)` pairs such as `("authority", "Hull")`,
    /// `("year", "2018..2020")` or `("sub", "care_leavers=good")`, names from
    /// [`NAMES`]. The terms come out in the order of [`NAMES`] whatever the order
    /// given; the first refused value (in that order) is the error.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filters, FilterError> {
        let mut given = Given::default();
        for (name, value) in pairs {
            match NAMES.iter().position(|n| *n == name) {
                Some(i) if NAMES[i] == "sub" => given.subs.push(value),
                Some(i) => given.single[i] = Some(value),
                None => return Err(FilterError::Internal(format!("'{name}' is not a filter"))),
            }
        }
        let mut terms = Vec::new();
        if let Some(a) = given.get("authority") {
            let found = extract::find_authority(a)
                .ok_or_else(|| invalid("authority", format!("unknown local authority '{a}'")))?;
            terms.push(("authority".to_string(), found.name.clone()));
        }
        if let Some(y) = given.get("year") {
            parse_year_range(y).map_err(|e| invalid("year", reason(e)))?;
            terms.push(("year".into(), y.to_string()));
        }
        if let Some(y) = given.get("academic_year") {
            let y = parse_academic_year(y).map_err(|e| invalid("academic_year", reason(e)))?;
            terms.push(("academic_year".into(), y));
        }
        if let Some(range) = date_range(given.get("from"), given.get("to"))? {
            terms.push(("date".into(), range));
        }
        if let Some(j) = given.get("judgement") {
            let j = Judgement::parse(j).ok_or_else(|| {
                invalid(
                    "judgement",
                    format!(
                        "unknown judgement '{j}' (outstanding, good, requires_improvement, inadequate)"
                    ),
                )
            })?;
            terms.push(("judgement".into(), j.as_str().into()));
        }
        if let Some(i) = given.get("inspector") {
            if i.trim().is_empty() {
                return Err(invalid("inspector", "empty name"));
            }
            terms.push(("inspector".into(), i.to_string()));
        }
        if let Some(k) = given.get("kind") {
            let k = Kind::parse(k).ok_or_else(|| {
                let kinds = Kind::ALL.map(|k| k.as_str()).join(", ");
                invalid("kind", format!("unknown kind '{k}' ({kinds})"))
            })?;
            terms.push(("kind".into(), k.as_str().into()));
        }
        if let Some(r) = given.get("region") {
            let region = extract::find_region(r)
                .ok_or_else(|| invalid("region", format!("unknown region '{r}'")))?;
            terms.push(("region".into(), region.to_string()));
        }
        for s in given.subs {
            terms.push(sub_judgement(s)?);
        }
        Ok(Filters { terms })
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
    let subs: Vec<&str> = crate::fields::sub_judgement_fields()
        .map(|f| f.name)
        .collect();
    if !subs.contains(&name.as_str()) {
        return Err(invalid(
            "sub",
            format!("unknown sub-judgement '{name}' ({})", subs.join(", ")),
        ));
    }
    let j = Judgement::parse(value)
        .ok_or_else(|| invalid("sub", format!("unknown judgement '{value}'")))?;
    Ok((name, j.as_str().into()))
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
            vec![
                ("year".to_string(), "2018..2020".to_string()),
                ("academic_year".to_string(), "2019/20".to_string()),
                ("date".to_string(), "..2020-01-05".to_string()),
                ("kind".to_string(), "ilacs".to_string()),
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
    fn the_first_refused_value_in_name_order_is_reported() {
        let e = error(&[("kind", "nonsense"), ("year", "x")]);
        assert!(e.to_string().starts_with("year: "), "{e}");
        let e = error(&[("sub", "care_leavers"), ("inspector", " ")]);
        assert_eq!(e.to_string(), "inspector: empty name");
        let e = error(&[("sub", "care_leavers")]);
        assert_eq!(
            e.to_string(),
            "sub: expected NAME=JUDGEMENT, got 'care_leavers'"
        );
    }
}
