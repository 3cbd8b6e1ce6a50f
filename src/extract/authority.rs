//! The authority gazetteer: the reference list of English children's-services
//! authorities, name resolution for user input, and detection of the authority a
//! document is about.
//!
//! The list is `data/la_reference.csv` (compiled in); extra general aliases are in
//! `data/authority_aliases.csv`. Both are parsed lazily: the reference list on the
//! first lookup, the text matcher on the first extraction.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use time::Date;

use super::{Authority, floor_boundary};

const REFERENCE_CSV: &str = include_str!("../../data/la_reference.csv");
const ALIASES_CSV: &str = include_str!("../../data/authority_aliases.csv");

/// The reference list with the lookup tables user input is resolved against.
struct Reference {
    list: Vec<Authority>,
    /// `Some(date)` for a former authority: the day it was abolished.
    abolished: Vec<Option<Date>>,
    /// For each authority, the authorities it succeeded.
    predecessors: Vec<Vec<usize>>,
    also_known_as: Vec<Vec<String>>,
    /// Normalised name -> authority, first registration wins.
    by_key: HashMap<String, usize>,
    regions: Vec<&'static str>,
}

static REFERENCE: LazyLock<Reference> = LazyLock::new(load_reference);

/// Every authority of the reference list (current and former), in list order.
pub fn authorities() -> &'static [Authority] {
    &REFERENCE.list
}

/// Whether `a` existed on `day`: not yet abolished, and for a successor, on or
/// after the abolition of the authorities it took over.
pub fn existed_on(a: &Authority, day: Date) -> bool {
    let r = &*REFERENCE;
    let Some(i) = r.list.iter().position(|x| x.la_code == a.la_code) else {
        return true;
    };
    r.abolished[i].is_none_or(|end| day < end)
        && r.predecessors[i]
            .iter()
            .all(|&p| r.abolished[p].is_none_or(|end| day >= end))
}

/// Resolve a user-typed authority name: case-insensitive, accepts common alternative
/// names ("Hull", "City of York", "BCP", "St Helens", "Wakefield Council"), the
/// 3-digit LA code and the ONS code.
pub fn find_authority(name: &str) -> Option<&'static Authority> {
    let r = &*REFERENCE;
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.len() > 200 {
        return None;
    }
    if let Some(a) = r
        .list
        .iter()
        .find(|a| a.la_code == trimmed || a.ons_code.eq_ignore_ascii_case(trimmed))
    {
        return Some(a);
    }
    let key = name_key(trimmed);
    if key.is_empty() {
        return None;
    }
    for k in [key.clone(), strip_affixes(&key)] {
        if let Some(&i) = r.by_key.get(&k) {
            return Some(&r.list[i]);
        }
    }
    // A unique authority whose name starts with the words typed ("barking").
    let stripped = strip_affixes(&key);
    let prefix = format!("{stripped} ");
    let mut found: Option<usize> = None;
    for (k, &i) in &r.by_key {
        if k.starts_with(&prefix) {
            match found {
                Some(j) if j != i => return None,
                _ => found = Some(i),
            }
        }
    }
    found.map(|i| &r.list[i])
}

/// Resolve a user-typed region name to its canonical spelling ("london" -> "London",
/// "north-east" -> "North East", "yorkshire & humber" -> "Yorkshire and the Humber").
pub fn find_region(name: &str) -> Option<&'static str> {
    let key = region_key(name);
    if key.is_empty() {
        return None;
    }
    let r = &*REFERENCE;
    if let Some(&reg) = r.regions.iter().find(|reg| region_key(reg) == key) {
        return Some(reg);
    }
    let alias = match key.as_str() {
        "yorkshire" | "humber" | "yorkshire humber" => "yorkshire and humber",
        "eastern" | "east anglia" => "east",
        other => other,
    };
    r.regions
        .iter()
        .copied()
        .find(|reg| region_key(reg) == alias)
}

fn region_key(s: &str) -> String {
    name_key(s)
        .split(' ')
        .filter(|w| !matches!(*w, "the" | "of" | "england" | "region"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase, `&` -> `and`, `St.`/`Saint` -> `st`, punctuation and hyphens -> space.
fn name_key(s: &str) -> String {
    let lower = s.to_lowercase().replace('&', " and ");
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' || c == '\u{2019}' {
            // "children's" -> "childrens"
        } else {
            out.push(' ');
        }
    }
    let words: Vec<&str> = out
        .split_whitespace()
        .map(|w| if w == "saint" { "st" } else { w })
        .collect();
    words.join(" ")
}

const KEY_PREFIXES: [&str; 8] = [
    "the ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "city of ",
    "county of ",
    "council of the ",
];
const KEY_SUFFIXES: [&str; 12] = [
    " metropolitan borough council",
    " metropolitan district council",
    " borough council",
    " district council",
    " county council",
    " city council",
    " council",
    " city of",
    " county of",
    " corporation",
    " local authority",
    " childrens services",
];

/// Strip council words around a normalised name ("city of york council" -> "york").
fn strip_affixes(key: &str) -> String {
    let mut k = key.to_string();
    loop {
        let before = k.len();
        for p in KEY_PREFIXES {
            if let Some(rest) = k.strip_prefix(p)
                && !rest.is_empty()
            {
                k = rest.to_string();
            }
        }
        for s in KEY_SUFFIXES {
            if let Some(rest) = k.strip_suffix(s)
                && !rest.is_empty()
            {
                k = rest.to_string();
            }
        }
        if k.len() == before {
            return k;
        }
    }
}

fn load_reference() -> Reference {
    let mut list = Vec::new();
    let mut abolished = Vec::new();
    let mut aka = Vec::new();
    let mut successor_codes: Vec<Vec<String>> = Vec::new();
    let mut regions: Vec<&'static str> = Vec::new();
    let mut rdr = csv::ReaderBuilder::new().from_reader(REFERENCE_CSV.as_bytes());
    let headers = rdr.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (c_name, c_code, c_ons, c_region) = (
        col("la_name"),
        col("la_code"),
        col("ons_code"),
        col("region"),
    );
    let (c_status, c_aka, c_succ) = (
        col("status"),
        col("also_known_as"),
        col("successor_of_la_codes"),
    );
    for rec in rdr.records().flatten() {
        let get = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
        let name = get(c_name);
        if name.is_empty() {
            continue;
        }
        let region = get(c_region);
        if !region.is_empty() && !regions.iter().any(|r| *r == region) {
            regions.push(Box::leak(region.clone().into_boxed_str()));
        }
        let status = get(c_status);
        abolished.push(if status.starts_with("former") {
            super::date::first_date(&status).or(Some(time::macros::date!(1900 - 01 - 01)))
        } else {
            None
        });
        aka.push(split_list(&get(c_aka)));
        successor_codes.push(split_list(&get(c_succ)));
        list.push(Authority {
            name,
            la_code: get(c_code),
            ons_code: get(c_ons),
            region,
        });
    }
    let predecessors = successor_codes
        .iter()
        .map(|codes| {
            codes
                .iter()
                .filter_map(|c| list.iter().position(|a| &a.la_code == c))
                .collect()
        })
        .collect();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    // Canonical names first, then their stripped forms, then alternative names.
    for (i, a) in list.iter().enumerate() {
        by_key.entry(name_key(&a.name)).or_insert(i);
    }
    for (i, a) in list.iter().enumerate() {
        by_key.entry(strip_affixes(&name_key(&a.name))).or_insert(i);
    }
    for (i, names) in aka.iter().enumerate() {
        for n in names {
            by_key.entry(name_key(n)).or_insert(i);
        }
    }
    for (code, name, flag) in alias_rows() {
        if flag != "alias" && flag != "weak" {
            continue;
        }
        if let Some(i) = list.iter().position(|a| a.la_code == code) {
            by_key.entry(name_key(&name)).or_insert(i);
        }
    }
    for (i, names) in aka.iter().enumerate() {
        for n in names {
            let k = strip_affixes(&name_key(n));
            if !regions.iter().any(|r| name_key(r) == k) {
                by_key.entry(k).or_insert(i);
            }
        }
    }
    Reference {
        list,
        abolished,
        predecessors,
        also_known_as: aka,
        by_key,
        regions,
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Rows of `data/authority_aliases.csv`: (la_code, name, flag).
fn alias_rows() -> Vec<(String, String, String)> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(ALIASES_CSV.as_bytes());
    rdr.records()
        .flatten()
        .filter_map(|r| {
            let name = r.get(1)?.trim().to_string();
            let flag = r.get(2)?.trim().to_string();
            (!name.is_empty()).then(|| (r.get(0).unwrap_or("").trim().to_string(), name, flag))
        })
        .collect()
}

// ------------------------------------------------------------------ text matching

/// One gazetteer pattern.
#[derive(Debug, Default, Clone)]
struct Pat {
    /// The name as written in the reference data (for the capitalisation check).
    cased: String,
    /// Authorities the name can mean (several for names shared by a former authority
    /// and its successor, e.g. "Bournemouth").
    auths: Vec<usize>,
    /// Bare name that is also a common word, surname or other place.
    weak: bool,
    /// Not an authority: a longer phrase that hides a shorter authority name.
    block: bool,
    single_word: bool,
    /// The name itself carries a council word ("Durham County Council").
    formal: bool,
}

struct Matcher {
    ac: AhoCorasick,
    pats: Vec<Pat>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(build_matcher);

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

/// Words that may be lower-case inside a capitalised name.
fn minor_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "and" | "of" | "upon" | "on" | "the" | "with" | "in" | "under" | "le" | "&"
    )
}

/// The text must be capitalised where the name is (whole-word, case-sensitive match
/// on capitalised names), or be all capitals.
fn case_ok(found: &str, cased: &str) -> bool {
    if found == cased {
        return true;
    }
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 3 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    let fw = found.split([' ', '-']).filter(|w| !w.is_empty());
    let cw = cased.split([' ', '-']).filter(|w| !w.is_empty());
    for (f, c) in fw.zip(cw) {
        if minor_word(c) {
            continue;
        }
        let fc = f.chars().next().unwrap_or(' ');
        let cc = c.chars().next().unwrap_or(' ');
        if cc.is_uppercase() && !fc.is_uppercase() {
            return false;
        }
        // An acronym ("BCP") must be written as one.
        if c.len() > 1 && c.chars().all(|x| x.is_ascii_uppercase()) && f != c {
            return false;
        }
    }
    true
}

static FORMAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:london|royal|metropolitan)\s+borough\s+of|borough\s+of|city\s+of|county\s+of|council\s+of\s+the)\s+(?:the\s+)?$",
    )
    .expect("regex")
});
static FORMAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i)(?:'s)?\s+(?:(?:metropolitan|district|borough|city|county|unitary)\s+){0,2}council\b)|^\s+(?:MBC|MDC|CC|BC|UA)\b",
    )
    .expect("regex")
});
static PLAIN_COUNCIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i)(?:'s)?\s+council\b").expect("regex"));
static CONTEXT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:inspection\s+(?:of|in)|visit\s+(?:to|of)|services\s+in|services\s+at)\s+(?:the\s+)?(?:(?:(?:london|royal|metropolitan)\s+)?borough\s+of\s+|city\s+of\s+|county\s+of\s+)?$",
    )
    .expect("regex")
});
static CONTEXT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:'s)?\s+(?:(?:metropolitan|district|borough|city|county)\s+){0,2}council)?(?:'s)?\s+(?:local\s+authority|children's\s+(?:social\s+care\s+)?services|local\s+area\s+partnership|children's\s+(?:services\s+)?trust|safeguarding\s+children\s+(?:board|partnership))",
    )
    .expect("regex")
});
/// Lines of Ofsted's own address, which names cities that are also authorities.
const OFSTED_ADDRESS: [&str; 9] = [
    "Piccadilly Gate",
    "Store Street",
    "M1 2WD",
    "ofsted.gov.uk",
    "gov.uk/ofsted",
    "NG1 6HJ",
    "Cumberland Place",
    "Royal Exchange Buildings",
    "Aviation House",
];

/// Capitalised words allowed right after a bare one-word name.
fn allowed_next(w: &str) -> bool {
    matches!(
        w,
        "Council"
            | "Borough"
            | "City"
            | "County"
            | "Metropolitan"
            | "District"
            | "Children"
            | "Children's"
            | "Childrens"
            | "Local"
            | "Safeguarding"
            | "Partnership"
            | "Trust"
            | "Area"
            | "Social"
            | "Family"
            | "Families"
            | "Corporate"
            | "Youth"
            | "Virtual"
            | "Multi"
            | "Integrated"
            | "Early"
            | "Adoption"
            | "Fostering"
            | "Leaving"
            | "Care"
            | "Improvement"
            | "Council's"
            | "Inspection"
            | "Ofsted"
            | "Is"
            | "Has"
    )
}

/// Capitalised words allowed right before a bare one-word name.
fn allowed_prev(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "In"
            | "At"
            | "Of"
            | "For"
            | "From"
            | "To"
            | "And"
            | "By"
            | "With"
            | "On"
            | "Across"
            | "Within"
            | "Unlike"
            | "Like"
            | "Both"
            | "While"
            | "Whereas"
            | "Dear"
            | "Visit"
            | "Inspection"
            | "Ofsted"
            | "Outside"
            | "Throughout"
            | "Where"
            | "When"
    )
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The authority a document is about, chosen by weighted mentions. `date` (the
/// document's date or inspection date) picks between a former authority and its
/// successor for names both used.
pub(crate) fn detect(text: &str, title: &str, date: Option<Date>) -> Option<&'static Authority> {
    let r = &*REFERENCE;
    let m = &*MATCHER;
    let in_title = mentions(title);
    // The first pages decide; a long report's later sections only repeat its name.
    let in_text = mentions(super::head(text, SCAN_LIMIT));
    // Authorities the text names unambiguously ("Dorset County Council", "Dorset
    // Council"): a bare shared name ("Dorset") then means the one named.
    let mut named = vec![false; r.list.len()];
    for x in in_title.iter().chain(&in_text) {
        if let Some(a) = x.resolved {
            named[a] = true;
        }
    }
    let resolve = |x: &Mention| -> usize {
        x.resolved.unwrap_or_else(|| {
            let cands = &m.pats[x.pat].auths;
            let mut it = cands.iter().copied().filter(|&a| named[a]);
            match (it.next(), it.next()) {
                (Some(a), None) => a,
                _ => choose(r, cands, date),
            }
        })
    };
    let former_penalty = |a: usize| match (r.abolished[a], date) {
        (Some(ab), Some(d)) if d >= ab => 0.2,
        _ => 1.0,
    };
    let mut scores = vec![0.0f64; r.list.len()];
    let mut first_seen = vec![usize::MAX; r.list.len()];
    // The authority named in the title counts most.
    if let Some(x) = in_title.first() {
        let a = resolve(x);
        scores[a] += 10.0 * former_penalty(a);
    }
    for x in &in_text {
        let a = resolve(x);
        scores[a] += x.weight * former_penalty(a);
        first_seen[a] = first_seen[a].min(x.start);
    }
    let mut best: Option<usize> = None;
    for i in 0..scores.len() {
        if scores[i] <= 0.0 {
            continue;
        }
        best = match best {
            None => Some(i),
            Some(b) if scores[i] > scores[b] + 1e-9 => Some(i),
            Some(b) if (scores[i] - scores[b]).abs() <= 1e-9 && first_seen[i] < first_seen[b] => {
                Some(i)
            }
            keep => keep,
        };
    }
    best.filter(|&b| scores[b] >= 0.5).map(|b| &r.list[b])
}

/// Bytes of a document scanned for authority names.
const SCAN_LIMIT: usize = 24_000;

/// One mention of an authority name in a text.
struct Mention {
    /// The gazetteer pattern found.
    pat: usize,
    /// The authority, when the form found decides it (one candidate, or "X Council").
    resolved: Option<usize>,
    weight: f64,
    start: usize,
}

/// Every valid mention of an authority in `text`, weighted by form and position.
fn mentions(text: &str) -> Vec<Mention> {
    let r = &*REFERENCE;
    let m = &*MATCHER;
    let mut out = Vec::new();
    // Line breaks become spaces (same byte offsets) so names wrapped over two lines match.
    let scan = spaced_lines(text);
    let skip_until = ofsted_header_end(text);
    for mat in m.ac.find_iter(&scan) {
        let (s, e) = (mat.start(), mat.end());
        let p = &m.pats[mat.pattern().as_usize()];
        if p.block || p.auths.is_empty() || s < skip_until {
            continue;
        }
        let bytes = scan.as_bytes();
        // Whole words: no letter, digit or joining hyphen on either side.
        let before_ok = s == 0 || {
            let c = scan[..s].chars().next_back().unwrap_or(' ');
            !(c.is_alphanumeric()
                || c == '-'
                || c == '\'' && s >= 2 && bytes[s - 2].is_ascii_alphabetic())
        };
        let after_ok = e >= scan.len() || {
            let mut it = scan[e..].chars();
            let c = it.next().unwrap_or(' ');
            let c2 = it.next().unwrap_or(' ');
            !(c.is_alphanumeric() || c == '-' && c2.is_alphabetic())
        };
        if !before_ok || !after_ok || !case_ok(&scan[s..e], &p.cased) {
            continue;
        }
        let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
        let line = &text[line_start..line_end];
        if OFSTED_ADDRESS.iter().any(|a| line.contains(a)) {
            continue;
        }
        let w0 = floor_boundary(&scan, s.saturating_sub(48));
        let before = &scan[w0..s];
        let w1 = ceil_boundary(&scan, e + 72);
        let after = &scan[e..w1];
        let formal = p.formal || FORMAL_BEFORE.is_match(before) || FORMAL_AFTER.is_match(after);
        let context = CONTEXT_BEFORE.is_match(before) || CONTEXT_AFTER.is_match(after);
        if p.single_word && !formal && !context {
            // "Jane Sutton", "Dudley Smith", "Greater Manchester", "Derby Road".
            let same_line_before = &text[line_start..s];
            if let Some(prev) = same_line_before.strip_suffix(' ').and_then(last_word)
                && is_capitalised(prev)
                && !allowed_prev(prev)
            {
                continue;
            }
            let same_line_after = &text[e..line_end];
            if let Some(next) = same_line_after.strip_prefix(' ').and_then(first_word)
                && is_capitalised(next)
                && !allowed_next(next)
            {
                continue;
            }
            // "Reading the case files ..." at the start of a sentence.
            if p.weak && sentence_start(text, s) {
                let next_lower = same_line_after
                    .strip_prefix(' ')
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| c.is_lowercase());
                if next_lower {
                    continue;
                }
            }
        }
        // "Dorset Council" names the current council, whatever the date.
        let resolved = if p.auths.len() == 1 {
            Some(p.auths[0])
        } else if PLAIN_COUNCIL.is_match(after) {
            p.auths.iter().copied().find(|&a| r.abolished[a].is_none())
        } else {
            None
        };
        let mut w = if p.weak && !formal && !context {
            0.3
        } else {
            1.0
        };
        if formal {
            w *= 1.5;
        }
        if context {
            w += 6.0;
        }
        let rel = s - skip_until.min(s);
        if rel < 1500 {
            w *= 3.0;
        }
        out.push(Mention {
            pat: mat.pattern().as_usize(),
            resolved,
            weight: w,
            start: s,
        });
    }
    out
}

/// `text` with line breaks turned into spaces (same byte offsets).
fn spaced_lines(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes {
        if *b == b'\n' || *b == b'\r' {
            *b = b' ';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Between the authorities a name can mean, the one current at `date`.
fn choose(r: &Reference, auths: &[usize], date: Option<Date>) -> usize {
    if auths.len() == 1 {
        return auths[0];
    }
    let current_at = |i: usize| match (r.abolished[i], date) {
        (Some(ab), Some(d)) => d < ab,
        (Some(_), None) => false,
        (None, Some(d)) => {
            // A successor did not exist before its predecessors were abolished.
            r.predecessors[i]
                .iter()
                .all(|&p| r.abolished[p].is_none_or(|ab| d >= ab))
        }
        (None, None) => true,
    };
    auths
        .iter()
        .copied()
        .find(|&i| current_at(i))
        .unwrap_or(auths[0])
}

fn last_word(s: &str) -> Option<&str> {
    let w = s.rsplit(' ').next()?;
    (!w.is_empty()).then_some(w)
}

fn first_word(s: &str) -> Option<&str> {
    let w = s.split(' ').next()?;
    (!w.is_empty()).then_some(w)
}

/// "Smith", "Children's" (capital then lower-case letters), not "WF1" or "M1".
fn is_capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(c0) = cs.next() else { return false };
    let rest: Vec<char> = cs.collect();
    c0.is_uppercase()
        && !rest.is_empty()
        && rest
            .iter()
            .all(|c| c.is_lowercase() || *c == '\'' || *c == '-')
}

/// Whether byte `s` starts a sentence (after `.`, `!`, `?`, a blank line, or the start).
fn sentence_start(text: &str, s: usize) -> bool {
    let before = text[..s].trim_end_matches([' ', '\t']);
    if before.is_empty() || before.ends_with("\n\n") {
        return true;
    }
    let before = before.trim_end();
    matches!(before.chars().next_back(), Some('.' | '!' | '?' | '"'))
}

/// End of Ofsted's own address block at the top of a letter (0 when there is none).
fn ofsted_header_end(text: &str) -> usize {
    let top = &text[..floor_boundary(text, 1500)];
    let mut end = 0;
    for marker in OFSTED_ADDRESS {
        if let Some(i) = top.rfind(marker) {
            let line_end = top[i..].find('\n').map_or(top.len(), |j| i + j);
            end = end.max(line_end);
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn code(name: &str) -> Option<&'static str> {
        find_authority(name).map(|a| a.la_code.as_str())
    }

    fn detect_code(text: &str) -> Option<&'static str> {
        detect(text, "", None).map(|a| a.la_code.as_str())
    }

    #[test]
    fn list_loads() {
        assert_eq!(authorities().len(), 158);
        assert!(authorities().iter().any(|a| a.name == "Wakefield"));
    }

    #[test]
    fn resolves_user_names() {
        for (name, want) in [
            ("wakefield", "384"),
            ("WAKEFIELD COUNCIL", "384"),
            ("Wakefield Metropolitan District Council", "384"),
            ("City of York", "816"),
            ("York", "816"),
            ("Hull", "810"),
            ("Kingston upon Hull", "810"),
            ("Hull City Council", "810"),
            ("St Helens", "342"),
            ("st. helens", "342"),
            ("Saint Helens", "342"),
            ("Bristol", "801"),
            ("City of Bristol", "801"),
            ("BCP", "839"),
            ("Bournemouth, Christchurch & Poole", "839"),
            ("384", "384"),
            ("E08000036", "384"),
            ("London Borough of Barking and Dagenham", "301"),
            ("barking", "301"),
            ("Royal Borough of Windsor & Maidenhead", "868"),
            ("Stoke on Trent", "861"),
            ("southend", "882"),
            ("County Durham", "840"),
            ("Durham", "840"),
            ("Herefordshire", "884"),
            ("Dorset", "838"),
            ("Dorset County Council", "835"),
            ("Cumbria", "909"),
            ("Richmond", "318"),
        ] {
            assert_eq!(code(name), Some(want), "{name}");
        }
        for bad in ["", "   ", "Narnia", "north", "kingston", "West Yorkshire"] {
            assert_eq!(code(bad), None, "{bad}");
        }
    }

    #[test]
    fn resolves_regions() {
        assert_eq!(find_region("london"), Some("London"));
        assert_eq!(
            find_region("yorkshire and the humber"),
            Some("Yorkshire and the Humber")
        );
        assert_eq!(
            find_region("Yorkshire & Humber"),
            Some("Yorkshire and the Humber")
        );
        assert_eq!(find_region("north-east"), Some("North East"));
        assert_eq!(find_region("EAST OF ENGLAND"), Some("East of England"));
        assert_eq!(find_region("east midlands"), Some("East Midlands"));
        assert_eq!(find_region("Mordor"), None);
    }

    #[test]
    fn title_beats_partners_and_page_chrome() {
        let text = "Martin Ford 13 December 2018\n\nWakefield avoids intervention over children's services\n\n\
            Wakefield Council should retain control of its children's services. Former director at \
            North Yorkshire CC, Peter Dwyer, reported on Wakefield.\n\nWest Yorkshire Combined Authority\n\
            Essex County Council\nRecruiter: Essex County Council\nEssex County Council\n";
        assert_eq!(
            detect(
                text,
                "Wakefield avoids intervention over children's services",
                None
            )
            .map(|a| a.la_code.as_str()),
            Some("384")
        );
    }

    #[test]
    fn ofsted_address_is_not_an_authority() {
        let text = "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n\nT 0300 123 1231\n\
            www.gov.uk/ofsted\n\n18 December 2020\n\nJo Bloggs\nDirector of Children's Services\n\
            Reading Borough Council\nCivic Offices\nReading\nRG1 7AE\n\nDear Ms Bloggs\n\n\
            Focused visit to Reading children's services\n";
        assert_eq!(detect_code(text), Some("870"));
    }

    #[test]
    fn short_names_are_whole_capitalised_words() {
        // "Hull" inside "Solihull", "York" in "North Yorkshire", "bury" the verb.
        assert_eq!(
            detect_code("Inspection of Solihull local authority children's services"),
            Some("334")
        );
        assert_eq!(
            detect_code("Children in North Yorkshire and New York."),
            Some("815")
        );
        assert_eq!(
            detect_code("They bury the problem. Nothing else here."),
            None
        );
        assert_eq!(
            detect_code("Inspection of Bury local authority children's services"),
            Some("351")
        );
        assert_eq!(
            detect_code("She moved from Sutton Coldfield to Kent."),
            Some("886")
        );
        assert_eq!(
            detect_code("Reading the files, inspectors found Kent children well served."),
            Some("886")
        );
        assert_eq!(
            detect_code("Inspection of Richmond upon Thames children's services"),
            Some("318")
        );
        assert_eq!(
            detect_code("Focused visit to County Durham children's services"),
            Some("840")
        );
        assert_eq!(
            detect_code("Jane Sutton, Dudley Smith and Greater Manchester partners."),
            None
        );
        assert_eq!(
            detect_code("Inspection of Kingston upon Hull local authority children's services"),
            Some("810")
        );
        assert_eq!(
            detect_code("Area SEND inspection of Stoke-on-\nTrent Local Area Partnership"),
            Some("861")
        );
    }

    #[test]
    fn formal_council_names_and_line_wraps() {
        assert_eq!(
            detect_code("Stockport Metropolitan Borough\nCouncil\nInspection of services"),
            Some("356")
        );
        assert_eq!(
            detect_code("London Borough of Barking and\nDagenham\nInspection of children"),
            Some("301")
        );
        assert_eq!(
            detect_code("Metropolitan Borough of Solihull\nInspection"),
            Some("334")
        );
        assert_eq!(detect_code("City of York Council\nInspection"), Some("816"));
        assert_eq!(detect_code("Hull City Council\nInspection"), Some("810"));
        assert_eq!(
            detect_code("Inspection of St Helens local authority children's services"),
            Some("342")
        );
        assert_eq!(
            detect_code("Inspection of Bournemouth, Christchurch\nand Poole local authority"),
            Some("839")
        );
        assert_eq!(
            detect_code("Inspection of Telford & Wrekin local authority"),
            Some("894")
        );
    }

    #[test]
    fn former_authorities_by_date() {
        let t = "Focused visit to Dorset children's services. Dorset has improved.";
        assert_eq!(
            detect(t, "", Some(date!(2018 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("835")
        );
        assert_eq!(
            detect(t, "", Some(date!(2020 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("838")
        );
        let t = "Dorset Council\nMonitoring visit to Dorset children's services";
        assert_eq!(
            detect(t, "", Some(date!(2016 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("838")
        );
        let t = "Dorset County Council\nMonitoring visit to Dorset children's services";
        assert_eq!(
            detect(t, "", Some(date!(2016 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("835")
        );
        let t = "Bournemouth, Christchurch and Poole Council\nInspection of services";
        assert_eq!(
            detect(t, "", Some(date!(2014 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("839")
        );
        let t = "Inspection of Bournemouth local authority children's services";
        assert_eq!(
            detect(t, "", Some(date!(2017 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("837")
        );
        assert_eq!(
            detect(t, "", Some(date!(2021 - 05 - 01))).map(|a| a.la_code.as_str()),
            Some("839")
        );
        let t = "Westmorland and Furness Council\nKendal, Cumbria\nFocused visit to Westmorland and Furness children's services";
        assert_eq!(
            detect(t, "", Some(date!(2025 - 01 - 12))).map(|a| a.la_code.as_str()),
            Some("943")
        );
        let t = "Northamptonshire County Council\nInspection of services";
        assert_eq!(
            detect(t, "", Some(date!(2016 - 01 - 12))).map(|a| a.la_code.as_str()),
            Some("928")
        );
    }

    /// Every current authority, named the ways Ofsted documents name them, in the
    /// layouts of the different kinds of document.
    #[test]
    fn every_authority_in_every_layout() {
        let r = &*REFERENCE;
        for (i, a) in r.list.iter().enumerate() {
            if r.abolished[i].is_some() {
                continue;
            }
            let short = match a.name.split_once(", ") {
                Some((base, _)) => base.to_string(),
                None => a.name.clone(),
            };
            let council = format!("{short} Council");
            let docs = [
                format!(
                    "Inspection of {short} local authority\nchildren's services\nInspection dates: 2 to 6 December 2024\n"
                ),
                format!(
                    "{council}\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\n"
                ),
                format!(
                    "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\nwww.gov.uk/ofsted\n\n3 April 2018\n\nJo Bloggs\n\
                         Director of Children's Services\n{council}\nTown Hall\n\nDear Ms Bloggs\n\nFocused visit to {short} children's services\n\n\
                         This letter summarises the findings of a focused visit to {short} children's services. Leaders in Leeds and \
                         Essex County Council were consulted.\n"
                ),
                format!(
                    "Local area partnership report\n\nArea SEND inspection of {short}\nLocal Area Partnership\nInspection dates: 22 to 26 April 2024\n"
                ),
                format!(
                    "Joint local area SEND inspection in {short}\n\nInspectors met leaders from {short} and North Yorkshire.\n"
                ),
            ];
            let formal = [
                format!("{short} Metropolitan Borough Council"),
                format!("{short} County Council"),
                format!("{short} City Council"),
                format!("{short} Borough Council"),
                format!("London Borough of {short}"),
                format!("Royal Borough of {short}"),
                format!("City of {short} Council"),
                short.replace(" and ", " & "),
                short.replace('-', " "),
                short.to_uppercase(),
            ]
            .map(|name| {
                format!(
                    "{name}\nInspection of services for children in need of help and protection\n"
                )
            });
            // ("Dorset County Council" is the former authority's own name.)
            let formal = formal.into_iter().filter(|d| {
                !r.list
                    .iter()
                    .any(|b| b.la_code != a.la_code && d.starts_with(&format!("{}\n", b.name)))
            });
            for d in docs.into_iter().chain(formal) {
                let got = detect(&d, "", Some(time::macros::date!(2024 - 01 - 01)));
                assert_eq!(
                    got.map(|x| x.la_code.as_str()),
                    Some(a.la_code.as_str()),
                    "{d}"
                );
            }
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            "é",
            "Wakefield",
            "\u{FEFF}Kent\n",
            "York's",
            "-Hull-",
            "ÉSSEX ESSEX",
        ] {
            let _ = detect(t, t, None);
            let _ = find_authority(t);
        }
    }
}
