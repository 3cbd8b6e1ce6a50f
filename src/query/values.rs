//! Readers of metadata values typed by users: years, dates, academic years.

use super::bad;
use crate::error::Result;
use crate::record::{date_days, parse_date};

/// `2019` or `2018..2020` (either end may be omitted).
pub fn parse_year_range(value: &str) -> Result<(i32, i32)> {
    let err = || {
        bad(format!(
            "'{value}' is not a year or a range like 2018..2020"
        ))
    };
    let year = |s: &str, default: i32| -> Result<i32> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(default);
        }
        s.parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(err)
    };
    match value.split_once("..") {
        Some((a, b)) => {
            let (lo, hi) = (year(a, 1000)?, year(b, 9999)?);
            if lo > hi {
                return Err(bad(format!("the year range '{value}' is empty")));
            }
            Ok((lo, hi))
        }
        None if !value.trim().is_empty() => {
            let y = year(value, 0)?;
            Ok((y, y))
        }
        None => Err(err()),
    }
}

/// A date `YYYY-MM-DD` or a range `A..B`, as day numbers.
pub fn parse_date_range(value: &str) -> Result<(i64, i64)> {
    let day = |s: &str, default: i64| -> Result<i64> {
        if s.trim().is_empty() {
            return Ok(default);
        }
        parse_date(s)
            .map(date_days)
            .ok_or_else(|| bad(format!("'{s}' is not a date (YYYY-MM-DD)")))
    };
    match value.split_once("..") {
        Some((a, b)) => Ok((day(a, i64::MIN)?, day(b, i64::MAX)?)),
        None => {
            let d = day(value, 0)?;
            Ok((d, d))
        }
    }
}

/// `2019/20`, `2019-20` or `2019/2020` -> `2019/20`.
pub fn parse_academic_year(value: &str) -> Result<String> {
    let err = || bad(format!("'{value}' is not an academic year like 2019/20"));
    let (a, b) = value.trim().split_once(['/', '-']).ok_or_else(err)?;
    let start: i32 = a.parse().map_err(|_| err())?;
    let end: i32 = b.parse().map_err(|_| err())?;
    let expected = start + 1;
    if !(1000..=9999).contains(&start)
        || (end != expected && end != expected.rem_euclid(100))
        || b.len() > 4
    {
        return Err(err());
    }
    Ok(format!("{start}/{:02}", expected.rem_euclid(100)))
}
