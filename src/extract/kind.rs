//! Kind of document: an Ofsted letter or report by its title and opening, or a
//! news/press article.

use std::sync::LazyLock;

use regex::Regex;

use super::text::head;
use super::title::REPORT_TITLE;
use super::values::Kind;
use crate::ingest::FrontMatter;

/// Marks of an Ofsted document's layout in its opening (address block, report
/// fields, salutation), which a news page does not have.
static OFSTED_LAYOUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)piccadilly\s+gate|ofsted\.gov\.uk|gov\.uk/ofsted|this\s+letter\s+summarises|^[\s*#_]*(?:inspection\s+dates?\s*:|dates?\s+of\s+inspection\s*:|lead\s+inspector\b|reporting\s+inspector\b|report\s+published\b|dear\s+(?:mr|mrs|ms|miss|dr|sir|madam|[A-Z])|judgement\s+grade|inspection\s+outcome\s*$|age\s+group\s*:|local\s+area\s+partnership\s+report)",
    )
    .expect("layout regex")
});

/// Journalism: reported speech, councillors, bylines, press-office wording.
static ARTICLE_VOICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r#"(?i)\b(?:said|says|told|added|commented|according\s+to|cllr|councillor|press\s+release|spokesperson|spokesman|spokeswoman|ofsted\s+(?:has|have)\s+(?:rated|found|judged|concluded|said|praised|criticised|warned)|rated\s+['"]?(?:good|outstanding|inadequate))\b|^by\s+[A-Z]"#,
    )
    .expect("article regex")
});

/// The inspectorate spoken of in the third person, as a news story or a council's
/// press release does and Ofsted's own letters and reports (which have their
/// layout) do not need to: "by Ofsted", "the watchdog", "inspectors found", "the
/// report states", "X wrote".
static THIRD_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\b(?:by\s+ofsted|ofsted's|ofsted\s+(?:has|have|had|says|found|report|inspectors|judged|rated|gave|published)|the\s+(?:inspectorate|watchdog|regulator)|inspectors\s+(?:say|found|wrote|praised|highlighted|noted|raised|visited|rated|judged|have|had|were|described|also|identified|concluded)|states|stated|wrote|writes|the\s+report\s+(?:said|says|states|stated|found|added|noted|highlighted|adds))\b",
    )
    .expect("third person regex")
});

/// Words of reported speech that make a layout line ("Lead inspector X wrote:")
/// a quotation in an article rather than a letter's field.
static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)\b(?:wrote|writes|said|says|added|told|commented|praised|described)\b",
    )
    .expect("speech regex")
});

/// A salutation to a group ("Dear Colleagues", "Dear all"): a council's or a
/// school's circular, not an inspector's letter to a named director.
static GROUP_SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?i)^[\s*#_]*dear\s+(?:all|colleagues?|friends|everyone|everybody|partners|parents|carers|residents|members|staff|team|readers)\b",
    )
    .expect("group salutation regex")
});

/// The label at the top of a release of national statistics ("Official
/// Statistics", "Statistical first release") or its opening ("This release
/// covers ..."; a web copy's label line may be gone as chrome): figures
/// published for the press and the public, read as a press release about
/// national figures.
static STATISTICS_RELEASE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rules::regex(
        r"(?im)^[\s*#_]*(?:(?:(?:accredited\s+)?official\s+statistics(?:\s+in\s+development)?|national\s+statistics|experimental\s+statistics|statistical\s+(?:first\s+)?release)[*_]*\s*$|this\s+(?:statistical\s+)?release\s+(?:covers|contains|presents|provides|reports)\b)",
    )
    .expect("statistics regex")
});

/// Whether the opening has an Ofsted document's layout (not counting a field
/// name quoted in reported speech, or a salutation to a group).
fn ofsted_layout(opening: &str) -> bool {
    OFSTED_LAYOUT.find_iter(opening).any(|m| {
        let line_start = opening[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = opening[m.end()..]
            .find('\n')
            .map_or(opening.len(), |i| m.end() + i);
        let line = &opening[line_start..line_end];
        // A table of grades ("Judgement Grade") copied into a release that has
        // already spoken of Ofsted in the third person is quoted, not Ofsted's.
        let quoted_table = m
            .as_str()
            .trim_start_matches(['*', '#', '_', ' ', '\t', '\n', '\r'])
            .to_ascii_lowercase()
            .starts_with("judgement")
            && THIRD_PERSON.is_match(&opening[..line_start]);
        !SPEECH.is_match(line) && !GROUP_SALUTATION.is_match(line) && !quoted_table
    })
}

/// (pattern, kind) in priority order.
static RULES: LazyLock<Vec<(Regex, Kind)>> = LazyLock::new(|| {
    let r = |p: &str| crate::rules::regex(&format!("(?i){p}")).expect("kind regex");
    vec![
        (
            r(r"joint\s+targeted\s+area\s+inspection|\bJTAI\b"),
            Kind::Other,
        ),
        (
            r(
                r"area\s+send\b|\bsend\s+inspection|local\s+area\s+partnership|joint\s+local\s+area|special\s+educational\s+needs\s+and/or\s+disabilities\s+inspection|local\s+area\s+send",
            ),
            Kind::AreaSend,
        ),
        (r(r"monitoring\s+visit"), Kind::MonitoringVisit),
        (r(r"focused\s+visit"), Kind::FocusedVisit),
        (
            r(
                r"inspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection|children\s+looked\s+after\s+and\s+achieving\s+permanence",
            ),
            Kind::Sif,
        ),
        (
            r(
                r"looked\s+after\s+children\s+services|safeguarding\s+and\s+looked\s+after|unannounced\s+inspection|inspection\s+of\s+safeguarding|(?:review|inspection)\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding|child\s+protection\s+(?:services|arrangements)\s+inspection|inspection\s+of\s+local\s+authority\s+arrangements",
            ),
            Kind::Other,
        ),
        (
            r(
                r"inspection\s+of\s+(?:[^\n]{0,80}?\s)?local\s+authority\s+children'?s\s+services|inspection\s+of\s+children'?s\s+social\s+care\s+services|impact\s+of\s+leaders\s+on\s+social\s+work|^(?:re-?)?inspection\s+of\s+[^\n]{1,80}?\s+children's\s+services$",
            ),
            Kind::Ilacs,
        ),
    ]
});

/// Classify a document from its opening, its title and the front matter at its
/// top (a byline there marks an article).
pub fn detect(text: &str, title: &str, front_matter: Option<&FrontMatter>) -> Kind {
    let opening = head(text, 1500);
    // An Ofsted layout, or a title in Ofsted's own form ("Inspection of X ...").
    let ofsted = ofsted_layout(opening) || REPORT_TITLE.is_match(title);
    let byline = front_matter.is_some_and(|fm| fm.byline);
    if !ofsted && (byline || STATISTICS_RELEASE.is_match(head(text, 1500)) || is_article(text)) {
        return Kind::Article;
    }
    // The title decides; then the opening lines; then the first pages.
    for region in [title, head(text, 800), head(text, 2500)] {
        for (re, kind) in RULES.iter() {
            if re.is_match(region) {
                return *kind;
            }
        }
    }
    Kind::Other
}

/// Journalism's voice in the first pages: reported speech, a byline, the
/// inspectorate in the third person.
fn is_article(text: &str) -> bool {
    let top = head(text, 6000);
    ARTICLE_VOICE.is_match(top) || THIRD_PERSON.is_match(top)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind as extraction asks for it: with the title and the front matter
    /// ingest reads from the top of the text.
    fn k(text: &str) -> Kind {
        let fm = crate::ingest::front_matter::at_top(text);
        detect(
            text,
            &super::super::title::title(text, None, fm.as_ref()),
            fm.as_ref(),
        )
    }

    #[test]
    fn letters() {
        let fv = "Ofsted\nPiccadilly Gate\n\n18 December 2020\n\nDear Ms Wagner\n\nFocused visit to Wakefield local authority children's services\n\n\
                  This letter summarises the findings of a focused visit. The methodology was in line with the ILACS framework.";
        assert_eq!(k(fv), Kind::FocusedVisit);
        let mv = "Ofsted\nPiccadilly Gate\n\n28 March 2016\n\nDear Ms Pickles\n\nMonitoring visit to Bexley children's services\n\n\
                  This letter summarises the findings of the sixth monitoring visit since the local authority was judged inadequate.";
        assert_eq!(k(mv), Kind::MonitoringVisit);
        let other = "Ofsted\nPiccadilly Gate\n\n20 May 2011\n\nDear Ms Bright\n\nUnannounced inspection of contact, referral and assessment arrangements within X children's services\n\nThis letter summarises";
        assert_eq!(k(other), Kind::Other);
    }

    #[test]
    fn reports() {
        assert_eq!(
            k(
                "Inspection of Gateshead local authority\nchildren's services\nInspection dates: 2 to 6 December 2024\n\nJudgement Grade\n"
            ),
            Kind::Ilacs
        );
        assert_eq!(
            k(
                "Cambridgeshire\nInspection of children's social care services\nInspection dates: 14 January 2019 to 18 January 2019\n"
            ),
            Kind::Ilacs
        );
        assert_eq!(
            k(
                "Reading Borough Council\nInspection of services for children in need of help and\nprotection, children looked after and care leavers\nand\nReview of the effectiveness of the Local Safeguarding Children\nBoard\nInspection date: 23 May to 15 June 2016\n"
            ),
            Kind::Sif
        );
        assert_eq!(
            k(
                "Local area partnership report\n\nArea SEND inspection of Bolton Local\nArea Partnership\nInspection dates: 17 to 21 June 2024\n\nInspection outcome\n\nThe local authority children's services said"
            ),
            Kind::AreaSend
        );
        assert_eq!(
            k(
                "Joint targeted area inspection of the multi-agency response to abuse and neglect in Leeds\n\nInspection dates: 1 to 5 May 2017\n"
            ),
            Kind::Other
        );
        assert_eq!(
            k(
                "Inspection of looked after children\nservices\nMedway Council\n\nInspection dates: 15-19 July 2013\nReporting inspector Sarah Urding HMI\n"
            ),
            Kind::Other
        );
    }

    #[test]
    fn articles() {
        assert_eq!(
            k(
                "Martin Ford 13 December 2018\n\nWakefield avoids intervention over children's services\n\nMr Dwyer added: 'The LA has not prioritised it.'"
            ),
            Kind::Article
        );
        assert_eq!(
            k(
                "Ofsted reports \"steady progress\" by Wakefield\n\nWakefield Council is making progress, Ofsted has concluded after their third monitoring visit.\n\nCllr Box said \"we are pleased\"."
            ),
            Kind::Article
        );
        assert_eq!(
            k(
                "---\ntitle: \"Sefton rated 'good'\"\ndate: \"2019-06-27\"\nsource: \"Sefton Council\"\n---\n\nBody"
            ),
            Kind::Article
        );
        assert_eq!(k("Just some notes about nothing."), Kind::Other);
        // Quoting Ofsted's wording, with no "said": still a story.
        assert_eq!(
            k(
                "Council downgraded after focused visit\n\nInspectors found a raft of failures during a focused visit, \
                 and Ofsted's report states that leaders were slow to act."
            ),
            Kind::Article
        );
        // A quoted field name is not a letter's layout.
        assert_eq!(
            k(
                "Council services rated good\n\nLead inspector Jo Bloggs wrote: 'Leaders are ambitious.'\n\nThe monitoring visit in May found progress."
            ),
            Kind::Article
        );
        assert_eq!(
            k(
                "Joint targeted area inspection of the multi-agency response in Leeds\n\nChildren said they felt safe."
            ),
            Kind::Other
        );
        assert_eq!(k(""), Kind::Other);
    }

    /// A release of national statistics has no reported speech and was classed
    /// other.
    #[test]
    fn a_statistics_release_is_read_as_a_press_release() {
        let t = "Official Statistics\n\nChildren's social care inspections and outcomes: spring 2019\n\n\
                 Published 4 June 2019\n\nThis release covers inspections of local authorities up to 31 March 2019.";
        assert_eq!(k(t), Kind::Article);
        let t = "Children's social care inspections: spring 2019\n\nPublished 4 June 2019\n\n\
                 This release contains the outcomes of inspections up to 31 March 2019.";
        assert_eq!(k(t), Kind::Article);
        // The words inside a sentence are not the label.
        let t = "Joint targeted area inspection of X\n\nThe figures use official statistics from the council.";
        assert_eq!(k(t), Kind::Other);
    }

    /// "Dear Colleagues" matched the salutation of Ofsted's letters ("Dear Ms X"),
    /// so a council's circular about its report was not an article.
    #[test]
    fn a_group_salutation_is_not_an_ofsted_letter() {
        let circular = "2 June 2024\n\nDear Colleagues,\n\nOfsted has published its report on our \
                        services for children. Inspectors found that leaders have a clear plan, and \
                        the report says more is needed.";
        assert_eq!(k(circular), Kind::Article);
        let to_all =
            "Dear all,\n\nThe watchdog rated our children's services good, our director said.";
        assert_eq!(k(to_all), Kind::Article);
        // A letter to a named director keeps its layout.
        let letter = "Ofsted\nPiccadilly Gate\n\n2 June 2024\n\nDear Ms Rowe\n\nFocused visit to Anyshire children's services\n\n\
                      This letter summarises the findings of a focused visit.";
        assert_eq!(k(letter), Kind::FocusedVisit);
    }

    /// A council's release that copies Ofsted's table of grades ("Judgement
    /// Grade") after telling of the inspection was read as Ofsted's report.
    #[test]
    fn a_grade_table_quoted_in_a_council_release_is_an_article() {
        let t = "Our services for children judged good by Ofsted\n\n\
                 Our services have been judged good following an inspection by Ofsted in May.\n\n\
                 Judgement Grade\nThe impact of leaders on social work practice with children and families Good\n\
                 Overall effectiveness Good\n\nWe thank our staff.\n";
        assert_eq!(k(t), Kind::Article);
    }
}
