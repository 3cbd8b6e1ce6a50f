//! Element tables: how each element takes part in the text (hidden, block,
//! heading, list item, row, cell, inline, void) and HTML's rules for end tags
//! that may be left out.

/// How an element takes part in the page's text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// Content never shown (script, svg, template, ...).
    Hidden,
    Block,
    Heading(u8),
    ListItem,
    Row,
    Cell,
    Inline,
    Void,
}

pub(super) fn kind_of(name: &[u8]) -> Kind {
    match name {
        b"script" | b"style" | b"noscript" | b"template" | b"svg" | b"math" | b"iframe"
        | b"object" | b"embed" | b"canvas" | b"audio" | b"video" | b"select" | b"button"
        | b"textarea" | b"noembed" | b"noframes" | b"datalist" | b"dialog" | b"map" => Kind::Hidden,
        b"h1" => Kind::Heading(1),
        b"h2" => Kind::Heading(2),
        b"h3" => Kind::Heading(3),
        b"h4" => Kind::Heading(4),
        b"h5" => Kind::Heading(5),
        b"h6" => Kind::Heading(6),
        b"li" | b"dt" | b"dd" => Kind::ListItem,
        b"tr" => Kind::Row,
        b"td" | b"th" => Kind::Cell,
        b"br" | b"img" | b"hr" | b"meta" | b"link" | b"input" | b"wbr" | b"area" | b"base"
        | b"col" | b"param" | b"source" | b"track" | b"keygen" => Kind::Void,
        b"p" | b"div" | b"section" | b"article" | b"main" | b"aside" | b"nav" | b"header"
        | b"footer" | b"ul" | b"ol" | b"dl" | b"table" | b"thead" | b"tbody" | b"tfoot"
        | b"caption" | b"blockquote" | b"pre" | b"figure" | b"figcaption" | b"address"
        | b"form" | b"fieldset" | b"legend" | b"details" | b"summary" | b"center" | b"menu"
        | b"body" | b"html" | b"hgroup" | b"option" | b"optgroup" | b"label" | b"title"
        | b"head" => Kind::Block,
        _ => Kind::Inline,
    }
}

/// Elements whose content is raw text: no tags inside, up to the end tag.
pub(super) fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"title"
            | b"textarea"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// Elements whose start and end separate blocks of text.
pub(super) fn breaks_block(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Block | Kind::Heading(_) | Kind::ListItem | Kind::Row
    )
}

/// Elements whose end tag may be omitted: they do not count towards nesting depth.
pub(super) fn optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Start tags that close an open `<p>` (HTML's "close a p element" list).
pub(super) fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"section"
            | b"article"
            | b"main"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"table"
            | b"blockquote"
            | b"pre"
            | b"figure"
            | b"address"
            | b"form"
            | b"fieldset"
            | b"details"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"hr"
            | b"menu"
            | b"hgroup"
            | b"center"
            | b"figcaption"
    )
}

type Names = &'static [&'static [u8]];

/// For a start tag that implies the end of an open element of its own family:
/// (the elements it closes, the elements that stop the search down the stack).
/// `<li>` closes an open `<li>` unless a list or section comes first.
pub(super) fn implied_end_scope(name: &[u8]) -> Option<(Names, Names)> {
    match name {
        b"li" => Some((
            &[b"li"],
            &[
                b"ul", b"ol", b"menu", b"table", b"body", b"article", b"section", b"nav", b"aside",
                b"main", b"div",
            ],
        )),
        b"dt" | b"dd" => Some((&[b"dt", b"dd"], &[b"dl", b"table", b"body", b"div"])),
        b"tr" => Some((&[b"tr"], &[b"table", b"tbody", b"thead", b"tfoot", b"body"])),
        b"td" | b"th" => Some((&[b"td", b"th"], &[b"tr", b"table", b"body"])),
        b"tbody" | b"thead" | b"tfoot" => {
            Some((&[b"tbody", b"thead", b"tfoot"], &[b"table", b"body"]))
        }
        b"option" => Some((&[b"option"], &[b"select", b"datalist", b"body"])),
        _ => None,
    }
}
