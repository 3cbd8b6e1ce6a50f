//! The gazetteer: the reference list of English children's-services authorities
//! (`data/la_reference.csv`, compiled in, parsed on first use) with the general
//! aliases of `data/authority_aliases.csv`, and name resolution for user input.

use std::collections::HashMap;
use std::sync::LazyLock;

use time::Date;

/// A local authority from the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    pub name: String,
    pub la_code: String,
    pub ons_code: String,
    pub region: String,
}

const REFERENCE_CSV: &str = include_str!("../../../data/la_reference.csv");
const ALIASES_CSV: &str = include_str!("../../../data/authority_aliases.csv");

/// The reference list with the lookup tables user input is resolved against.
pub(super) struct Reference {
    pub list: Vec<Authority>,
    /// `Some(date)` for a former authority: the day it was abolished.
    pub abolished: Vec<Option<Date>>,
    /// For each authority, the authorities it succeeded.
    pub predecessors: Vec<Vec<usize>>,
    pub also_known_as: Vec<Vec<String>>,
    pub regions: Vec<&'static str>,
}

pub(super) static REFERENCE: LazyLock<Reference> = LazyLock::new(load_reference);

/// Normalised name -> authority, first registration wins: built on the first
/// lookup by a name that is not canonical (reading a stored record, which holds
/// canonical names, does not need it).
static BY_KEY: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    key_index(
        &REFERENCE.list,
        &REFERENCE.also_known_as,
        &REFERENCE.regions,
    )
});

/// The regions of the reference list, in list order.
pub fn regions() -> &'static [&'static str] {
    &REFERENCE.regions
}

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
    if let Some(a) = r.list.iter().find(|a| {
        a.name == trimmed || a.la_code == trimmed || a.ons_code.eq_ignore_ascii_case(trimmed)
    }) {
        return Some(a);
    }
    let key = name_key(trimmed);
    if key.is_empty() {
        return None;
    }
    for k in [key.clone(), strip_affixes(&key)] {
        if let Some(&i) = BY_KEY.get(&k) {
            return Some(&r.list[i]);
        }
    }
    // A unique authority whose name starts with the words typed ("barking").
    let stripped = strip_affixes(&key);
    let prefix = format!("{stripped} ");
    let mut found: Option<usize> = None;
    for (k, &i) in BY_KEY.iter() {
        if k.starts_with(&prefix) {
            match found {
                Some(j) if j != i => return None,
                _ => found = Some(i),
            }
        }
    }
    if let Some(i) = found {
        return Some(&r.list[i]);
    }
    match LOOKUP.get(&key).or_else(|| LOOKUP.get(&stripped)) {
        Some(served) if served.len() == 1 => Some(&r.list[served[0]]),
        _ => None,
    }
}

/// Bodies that run a council's children's services (the `lookup` rows of
/// `data/authority_aliases.csv`): normalised name -> the councils served.
static LOOKUP: LazyLock<HashMap<String, Vec<usize>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<usize>> = HashMap::new();
    for (code, name, flag) in alias_rows() {
        if flag != "lookup" {
            continue;
        }
        if let Some(i) = REFERENCE.list.iter().position(|a| a.la_code == code) {
            map.entry(name_key(&name)).or_default().push(i);
        }
    }
    map
});

/// Resolve a user-typed authority name as [`find_authority`] does, or say why
/// not in one line: a body that serves several councils names them, and a near
/// miss gets "did you mean" (`Wakfield` -> Wakefield).
pub fn resolve_authority(name: &str) -> Result<&'static Authority, String> {
    if let Some(a) = find_authority(name) {
        return Ok(a);
    }
    let r = &*REFERENCE;
    let key = name_key(name.trim());
    if let Some(served) = LOOKUP.get(&key) {
        let names: Vec<&str> = served.iter().map(|&i| r.list[i].name.as_str()).collect();
        return Err(format!(
            "'{}' runs children's services for several councils ({}): give one of them",
            name.trim(),
            names.join(", ")
        ));
    }
    let mut message = format!("unknown local authority '{}'", name.trim());
    if let Some(near) = nearest_authority(&key) {
        message.push_str(&format!("; did you mean {}?", near.name));
    }
    Err(message)
}

/// The authority whose name (or other name) is nearest to a mistyped `key`:
/// within two edits (one for short names), and the only one that near.
fn nearest_authority(key: &str) -> Option<&'static Authority> {
    let typed = strip_affixes(key);
    let len = typed.chars().count();
    if !(3..=60).contains(&len) {
        return None;
    }
    let limit = if len < 6 { 1 } else { 2 };
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for (k, &i) in BY_KEY.iter() {
        let d = strsim::levenshtein(&typed, k);
        if d > limit {
            continue;
        }
        match best {
            Some((bd, bi)) if d == bd && bi != i => tie = true,
            Some((bd, _)) if d >= bd => {}
            _ => {
                best = Some((d, i));
                tie = false;
            }
        }
    }
    match best {
        Some((_, i)) if !tie => Some(&REFERENCE.list[i]),
        _ => None,
    }
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

const KEY_PREFIXES: [&str; 10] = [
    "the ",
    "county ",
    "co ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "city of ",
    "county of ",
    "council of the ",
];
const KEY_SUFFIXES: [&str; 16] = [
    // Trusts and companies that run a council's children's services.
    " childrens services trust",
    " childrens trust",
    " children and families trust",
    " children first",
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

/// The day in a status such as `former (abolished 2019-04-01)` (the reference
/// list writes days as `YYYY-MM-DD`). Read without the date extractor's
/// patterns, which are costly to build and not needed to read a stored record.
fn abolition_day(status: &str) -> Option<Date> {
    status
        .split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .find_map(|word| {
            let mut parts = word.splitn(3, '-').map(|p| p.parse::<u16>().ok());
            let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
            let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
            Date::from_calendar_date(i32::from(y), month, u8::try_from(d).ok()?).ok()
        })
}

fn load_reference() -> Reference {
    let rows = read_reference();
    let list: Vec<Authority> = rows.iter().map(|r| r.authority.clone()).collect();
    let mut regions: Vec<&'static str> = Vec::new();
    for a in &list {
        if !a.region.is_empty() && !regions.iter().any(|r| *r == a.region) {
            regions.push(Box::leak(a.region.clone().into_boxed_str()));
        }
    }
    let predecessors = rows
        .iter()
        .map(|row| {
            row.successor_of
                .iter()
                .filter_map(|c| list.iter().position(|a| &a.la_code == c))
                .collect()
        })
        .collect();
    let abolished = rows.iter().map(|r| r.abolished).collect();
    let aka: Vec<Vec<String>> = rows.into_iter().map(|r| r.also_known_as).collect();
    Reference {
        list,
        abolished,
        predecessors,
        also_known_as: aka,
        regions,
    }
}

/// One row of `data/la_reference.csv`.
struct ReferenceRow {
    authority: Authority,
    abolished: Option<Date>,
    also_known_as: Vec<String>,
    /// LA codes of the authorities this one succeeded.
    successor_of: Vec<String>,
}

fn read_reference() -> Vec<ReferenceRow> {
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
    let mut rows = Vec::new();
    for rec in rdr.records().flatten() {
        let get = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").trim().to_string();
        let name = get(c_name);
        if name.is_empty() {
            continue;
        }
        let status = get(c_status);
        rows.push(ReferenceRow {
            abolished: status
                .starts_with("former")
                .then(|| abolition_day(&status).unwrap_or(time::macros::date!(1900 - 01 - 01))),
            also_known_as: split_list(&get(c_aka)),
            successor_of: split_list(&get(c_succ)),
            authority: Authority {
                name,
                la_code: get(c_code),
                ons_code: get(c_ons),
                region: get(c_region),
            },
        });
    }
    rows
}

/// Normalised name -> authority: canonical names first, then their stripped
/// forms, then alternative names; the first registration of a key wins.
fn key_index(list: &[Authority], aka: &[Vec<String>], regions: &[&str]) -> HashMap<String, usize> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
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
    by_key
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Rows of `data/authority_aliases.csv`: (la_code, name, flag).
pub(super) fn alias_rows() -> Vec<(String, String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abolition_days_are_read_from_the_status() {
        assert_eq!(
            abolition_day("former (abolished 2019-04-01)"),
            Some(time::macros::date!(2019 - 04 - 01))
        );
        assert_eq!(abolition_day("current"), None);
    }

    fn code(name: &str) -> Option<&'static str> {
        find_authority(name).map(|a| a.la_code.as_str())
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
    fn resolves_county_forms_and_childrens_trusts() {
        for (name, want) in [
            ("Co Durham", "840"),
            ("Co. Durham", "840"),
            ("County Durham", "840"),
            ("Durham County Council", "840"),
            ("Birmingham Children's Trust", "330"),
            ("Doncaster Children's Services Trust", "371"),
            ("Worcestershire Children First", "885"),
            ("Slough Children First", "871"),
            ("Brighter Futures for Children", "870"),
            ("Together for Children", "394"),
        ] {
            assert_eq!(code(name), Some(want), "{name}");
        }
        assert_eq!(code("Achieving for Children"), None);
        let e = resolve_authority("Achieving for Children").unwrap_err();
        assert!(e.contains("Richmond upon Thames"), "{e}");
    }

    #[test]
    fn a_near_miss_gets_did_you_mean() {
        let e = resolve_authority("Wakfield").unwrap_err();
        assert_eq!(
            e,
            "unknown local authority 'Wakfield'; did you mean Wakefield?"
        );
        let e = resolve_authority("Wakfield Council").unwrap_err();
        assert!(e.ends_with("did you mean Wakefield?"), "{e}");
        let e = resolve_authority("Narnia").unwrap_err();
        assert_eq!(e, "unknown local authority 'Narnia'");
        assert_eq!(
            resolve_authority("wakefield").map(|a| a.la_code.as_str()),
            Ok("384")
        );
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
}
