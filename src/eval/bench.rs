//! `eval` on a generated bench corpus: extraction against its `truth.jsonl`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::{Outcome, extract_file, judgement_str, norm_name, report};
use crate::extract::{self, Metadata};
use crate::record::format_date;

/// Evaluate extraction on a generated bench corpus (`gen_corpus.py`) against its
/// `truth.jsonl`: authority (resolved with `find_authority`), kind, date, year,
/// inspectors, judgement, title and sub-judgements. `formats` limits the files
/// (e.g. `["txt", "md"]`); empty means all.
pub fn run_bench(dir: &Path, formats: &[&str], json: bool, out: &mut dyn Write) -> Result<i32> {
    let truth_path = dir.join("truth.jsonl");
    let text = std::fs::read_to_string(&truth_path)
        .with_context(|| format!("reading {}", truth_path.display()))?;
    let truths: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<std::result::Result<_, _>>()
        .context("parsing truth.jsonl")?;
    let truths: Vec<&serde_json::Value> = truths
        .iter()
        .filter(|t| {
            formats.is_empty() || formats.contains(&t["format"].as_str().unwrap_or_default())
        })
        .collect();
    let fields = [
        "authority",
        "kind",
        "date",
        "year",
        "inspectors",
        "lead_inspector",
        "judgement",
        "sub_judgements",
        "title",
    ];
    let outcomes: Vec<Outcome> = truths
        .par_iter()
        .flat_map_iter(|t| {
            let rel = t["path"].as_str().unwrap_or_default().to_string();
            let meta = match extract_file(&dir.join(&rel), false) {
                Ok(Some(m)) => m,
                _ => return Vec::new(),
            };
            bench_outcomes(&rel, t, &meta)
        })
        .collect();
    report(&outcomes, &fields, json, out)?;
    Ok(0)
}

fn bench_outcomes(file: &str, t: &serde_json::Value, meta: &Metadata) -> Vec<Outcome> {
    let mut v = Vec::new();
    let mut push = |field: &'static str, expected: String, got: String, ok: bool| {
        v.push(Outcome {
            file: file.to_string(),
            field,
            expected,
            got,
            ok,
        })
    };
    let want_auth = text(&t["authority"]).unwrap_or_default();
    let want_code = extract::find_authority(&want_auth).map(|a| a.la_code.clone());
    let got_auth = meta.authority.map(|a| a.name.clone()).unwrap_or_default();
    push(
        "authority",
        want_auth,
        got_auth,
        want_code.is_some() && want_code == meta.authority.map(|a| a.la_code.clone()),
    );
    let year = |d: time::Date| d.year().to_string();
    let want_year = t["year"].as_i64().map(|y| y.to_string());
    let same_text = [
        ("kind", text(&t["doc_kind"]), meta.kind.as_str().to_string()),
        (
            "date",
            text(&t["date"]),
            meta.date.map(format_date).unwrap_or_default(),
        ),
        ("year", want_year, meta.date.map(year).unwrap_or_default()),
        (
            "judgement",
            Some(text(&t["judgement"]).unwrap_or_else(|| "none".into())),
            judgement_str(meta.judgement),
        ),
    ];
    for (field, want, got) in same_text {
        let want = want.unwrap_or_default();
        let ok = want == got;
        push(field, want, got, ok);
    }
    for (field, want, got, ok) in people(t, meta).into_iter().chain(sub_judgements(t, meta)) {
        push(field, want, got, ok);
    }
    let want_title = text(&t["title"]).unwrap_or_default();
    push(
        "title",
        want_title.clone(),
        meta.title.clone(),
        want_title.trim().eq_ignore_ascii_case(meta.title.trim()),
    );
    v
}

type Compared = (&'static str, String, String, bool);

fn text(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// The inspectors, and the lead when the truth names any.
fn people(t: &serde_json::Value, meta: &Metadata) -> Vec<Compared> {
    let want: Vec<String> = t["inspectors"]
        .as_array()
        .map(|a| a.iter().filter_map(text).collect())
        .unwrap_or_default();
    let norm_list = |l: &[String]| l.iter().map(|x| norm_name(x)).collect::<Vec<_>>();
    let mut out = vec![(
        "inspectors",
        want.join("; "),
        meta.inspectors.join("; "),
        norm_list(&want) == norm_list(&meta.inspectors),
    )];
    if let Some(lead) = want.first() {
        let got = meta.lead_inspector.clone().unwrap_or_default();
        let ok = norm_name(lead) == norm_name(&got);
        out.push(("lead_inspector", lead.clone(), got, ok));
    }
    out
}

/// Each sub-judgement the truth gives (under the generator's names).
fn sub_judgements(t: &serde_json::Value, meta: &Metadata) -> Vec<Compared> {
    let Some(subs) = t["sub_judgements"].as_object() else {
        return Vec::new();
    };
    let j = &meta.judgements;
    subs.iter()
        .map(|(k, want)| {
            let got = match k.as_str() {
                "leadership" => j.leadership,
                "help_and_protection" => j.help_and_protection,
                "children_in_care" | "in_care" | "looked_after" => j.children_in_care,
                "care_leavers" => j.care_leavers,
                "adoption" => j.adoption,
                _ => None,
            };
            let want = text(want).unwrap_or_default();
            let got = judgement_str(got);
            let ok = want == got;
            (
                "sub_judgements",
                format!("{k}={want}"),
                format!("{k}={got}"),
                ok,
            )
        })
        .collect()
}
