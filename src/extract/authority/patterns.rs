//! The gazetteer's names as text patterns: every form in which a document may
//! write an authority's name (display forms, `&`/`and`, `St`/`Saint`, hyphens,
//! line wraps), with what each form can mean, in one Aho-Corasick automaton built
//! on the first extraction.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::gazetteer::{REFERENCE, alias_rows};

/// One gazetteer pattern.
#[derive(Debug, Default, Clone)]
pub(super) struct Pat {
    /// The name as written in the reference data (for the capitalisation check).
    pub cased: String,
    /// Authorities the name can mean (several for names shared by a former authority
    /// and its successor, e.g. "Bournemouth").
    pub auths: Vec<usize>,
    /// Bare name that is also a common word, surname or other place.
    pub weak: bool,
    /// Not an authority: a longer phrase that hides a shorter authority name.
    pub block: bool,
    pub single_word: bool,
    /// The name itself carries a council word ("Durham County Council").
    pub formal: bool,
}

/// Every name form of the gazetteer in one automaton; pattern `i` is `pats[i]`.
pub(super) struct Matcher {
    pub ac: AhoCorasick,
    pub pats: Vec<Pat>,
}

pub(super) static MATCHER: LazyLock<Matcher> = LazyLock::new(build_matcher);

/// Forms of a name: as written, `&`/`and`, `St`/`St.`/`Saint`, hyphens/spaces.
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let push = |v: String, out: &mut Vec<String>| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    for v in out.clone() {
        if v.contains(" & ") {
            push(v.replace(" & ", " and "), &mut out);
        }
        if v.contains(" and ") {
            push(v.replace(" and ", " & "), &mut out);
        }
    }
    for v in out.clone() {
        if let Some(rest) = v.strip_prefix("St. ") {
            push(format!("St {rest}"), &mut out);
            push(format!("Saint {rest}"), &mut out);
        } else if let Some(rest) = v.strip_prefix("St ") {
            push(format!("St. {rest}"), &mut out);
            push(format!("Saint {rest}"), &mut out);
        }
    }
    for v in out.clone() {
        if v.contains('-') {
            push(v.replace('-', " "), &mut out);
            // Wrapped after a hyphen ("Stoke-on-\nTrent"; line breaks are scanned as spaces).
            for (i, _) in v.match_indices('-') {
                push(format!("{}- {}", &v[..i], &v[i + 1..]), &mut out);
            }
        } else if [" on ", " upon ", " under "].iter().any(|w| v.contains(w)) {
            push(
                v.replace(" on ", "-on-")
                    .replace(" upon ", "-upon-")
                    .replace(" under ", "-under-"),
                &mut out,
            );
        }
    }
    out
}

/// Display forms of a reference name: "Bristol, City of" -> "Bristol", "City of
/// Bristol", "Bristol City"; council words stripped ("Cornwall Council" -> "Cornwall").
fn name_forms(name: &str, regions: &[&str]) -> Vec<(String, bool)> {
    let mut forms: Vec<(String, bool)> = Vec::new();
    let add = |s: String, formal: bool, forms: &mut Vec<(String, bool)>| {
        let s = s.trim().to_string();
        if s.len() >= 3
            && !regions.iter().any(|r| r.eq_ignore_ascii_case(&s))
            && !forms.iter().any(|(f, _)| f.eq_ignore_ascii_case(&s))
        {
            forms.push((s, formal));
        }
    };
    if let Some((base, kind)) = name
        .split_once(", ")
        .filter(|(_, k)| k.eq_ignore_ascii_case("City of") || k.eq_ignore_ascii_case("County of"))
    {
        add(base.to_string(), false, &mut forms);
        add(format!("{kind} {base}"), true, &mut forms);
        if kind.eq_ignore_ascii_case("City of") {
            add(format!("{base} City"), true, &mut forms);
        }
        return forms;
    }
    let stripped = strip_display(name);
    let formal = stripped.len() != name.len();
    add(name.to_string(), formal, &mut forms);
    if formal {
        add(stripped, false, &mut forms);
    }
    forms
}

/// Remove council words from a display name, keeping its capitalisation.
fn strip_display(name: &str) -> String {
    const PRE: [&str; 7] = [
        "The ",
        "London Borough of ",
        "Royal Borough of ",
        "Metropolitan Borough of ",
        "City of ",
        "County of ",
        "Council of the ",
    ];
    const SUF: [&str; 9] = [
        " Metropolitan Borough Council",
        " Metropolitan District Council",
        " Borough Council",
        " County Council",
        " City Council",
        " District Council",
        " Council",
        " Corporation",
        " Children's Trust",
    ];
    let mut s = name.to_string();
    for p in PRE {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.to_string();
        }
    }
    for x in SUF {
        if let Some(rest) = s.strip_suffix(x) {
            s = rest.to_string();
            break;
        }
    }
    s
}

fn build_matcher() -> Matcher {
    let r = &*REFERENCE;
    let mut pats: Vec<Pat> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut register = |name: &str, auth: Option<usize>, formal: bool, weak: bool, block: bool| {
        for v in variants(name) {
            let key = v.to_ascii_lowercase();
            let id = *index.entry(key).or_insert_with(|| {
                pats.push(Pat {
                    cased: v.clone(),
                    single_word: !v.trim().contains([' ', '-']),
                    ..Pat::default()
                });
                pats.len() - 1
            });
            let p = &mut pats[id];
            if let Some(a) = auth
                && !p.auths.contains(&a)
            {
                p.auths.push(a);
            }
            p.formal |= formal;
            p.weak |= weak;
            p.block |= block;
        }
    };
    for (i, a) in r.list.iter().enumerate() {
        for (form, formal) in name_forms(&a.name, &r.regions) {
            register(&form, Some(i), formal, false, false);
        }
        for n in &r.also_known_as[i] {
            for (form, formal) in name_forms(n, &r.regions) {
                register(&form, Some(i), formal, false, false);
            }
        }
    }
    for (code, name, flag) in alias_rows() {
        let auth = r.list.iter().position(|a| a.la_code == code);
        match flag.as_str() {
            "block" => register(&name, None, false, false, true),
            // Names users type, never matched in documents.
            "lookup" => {}
            "weak" => register(&name, auth, false, true, false),
            _ => {
                for (form, formal) in name_forms(&name, &r.regions) {
                    register(&form, auth, formal, false, false);
                }
            }
        }
    }
    // An authority name that is someone's alias and also a blocked phrase stays a block.
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(pats.iter().map(|p| p.cased.as_str()))
        .expect("gazetteer patterns build");
    Matcher { ac, pats }
}
