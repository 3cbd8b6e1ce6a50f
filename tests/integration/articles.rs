//! News articles and council press releases: the councils an article is about
//! (`authority`, `authorities`), the judgement it reports and its date, through
//! `index`, `list --json`, `authorities:` queries and `eval --labels`. The
//! articles are written for these tests, modelled on the forms real ones use.

use crate::util::*;
use std::fs;

/// One council's story: its past grade, the grade it moved from, a person from
/// another council quoted, a press release's list of graded areas.
const ONE_COUNCIL: &str = "Oldham children's services move up to 'good'\n\n\
By A Reporter | 14/01/26\n\n\
Children's services at Oldham Council have been judged good by Ofsted, three years after \
they were rated inadequate for the first time.\n\n\
The council's rating went from 'requires improvement' in 2022 to 'good', the report states. \
Leaders said the goal was an 'outstanding' rating at the next inspection.\n\n\
Jo Bloggs, a former director of children's services at Rochdale, said Rochdale staff had \
shared their experience.\n\n\
The judgements were:\n\
The impact of leaders - Outstanding\n\
Overall effectiveness - Good\n";

/// Several councils in one story: no main council.
const SEVERAL: &str = "Children's services at three councils rated 'requires improvement'\n\n\
Published: 3 March 2021\n\n\
Inspectors have told three councils that their children's services require improvement.\n\n\
Bury, Halton and Trafford all received the rating after visits in January. In Bury, \
inspectors found delays. Halton's leaders were praised. Trafford's social workers have \
manageable caseloads.\n";

/// National figures, with councils named in passing.
const NATIONAL: &str = "A third of councils now rated good or better\n\n\
Ofsted's annual report, published today (Tuesday, 4 December 2018), shows that a third of \
local authorities in England are judged good or outstanding. The watchdog said York and \
Leeds had improved.\n\nRelated\nPublished1 October 2015\n";

fn sandbox() -> Sandbox {
    let sb = Sandbox::empty();
    for (name, text) in [
        ("one.txt", ONE_COUNCIL),
        ("several.txt", SEVERAL),
        ("national.txt", NATIONAL),
    ] {
        fs::write(sb.corpus().join(name), text).unwrap();
    }
    sb.index();
    sb
}

fn doc<'a>(docs: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    docs.iter()
        .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("no {name} in {docs:?}"))
}

#[test]
fn articles_have_the_councils_they_are_about_and_the_outcome_they_report() {
    let sb = sandbox();
    let docs = sb.json(&["list", "--json"], 0);
    let one = doc(&docs, "one.txt");
    assert_eq!(one["kind"], "article");
    assert_eq!(one["authority"], "Oldham");
    assert_eq!(one["authorities"], serde_json::json!(["Oldham"]));
    assert_eq!(one["judgement"], "good");
    assert_eq!(one["date"], "2026-01-14");
    let several = doc(&docs, "several.txt");
    assert_eq!(several["authority"], serde_json::Value::Null);
    let mut all: Vec<&str> = several["authorities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    all.sort_unstable();
    assert_eq!(all, ["Bury", "Halton", "Trafford"]);
    assert_eq!(several["date"], "2021-03-03");
    let national = doc(&docs, "national.txt");
    assert_eq!(national["authority"], serde_json::Value::Null);
    assert_eq!(national["judgement"], serde_json::Value::Null);
    assert_eq!(national["date"], "2018-12-04");
    // The councils of a story about several can be searched.
    let hits = sb.hit_paths(&["authorities:Halton"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].ends_with("several.txt"));
}

#[test]
fn eval_reads_article_labels() {
    let sb = sandbox();
    let labels = sb.path().join("labels.csv");
    fs::write(
        &labels,
        "file,kind,authority,overall_judgement,date_stated,authorities\n\
         one.txt,article,Oldham,good,2026-01-14,Oldham\n\
         several.txt,article,none,,2021-03-03,Trafford; Halton; Bury\n\
         national.txt,article,none,none,2018-12-04,\n",
    )
    .unwrap();
    let out = sb.run(&[
        "eval",
        "--labels",
        "labels.csv",
        "--dir",
        "corpus",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fields: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["type"] == "field")
        .collect();
    for f in [
        "kind",
        "authority",
        "authorities",
        "date_stated",
        "overall_judgement",
    ] {
        let row = fields
            .iter()
            .find(|v| v["field"] == f)
            .unwrap_or_else(|| panic!("no {f}: {fields:?}"));
        assert_eq!(row["accuracy"], 100.0, "{row}");
    }
}
