//! The query syntax: limits checked on the raw text, a lexer and a recursive
//! descent parser (whose depth the limits bound). Errors say where the problem is.

use super::{
    DEFAULT_NEAR, MAX_BOOST, MAX_DEPTH, MAX_FUZZY, MAX_QUERY_BYTES, MAX_SLOP, MIN_WILDCARD_PREFIX,
    Node, bad, bad_at,
};
use crate::error::Result;
use crate::fields;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    /// `NEAR/n` (`NEAR` alone: [`DEFAULT_NEAR`]).
    Near(u32),
    /// `^n` right after a `)`: the group's boost.
    Boost(f32),
    /// A word, phrase or field term, already read into its node.
    Term(Node),
}

/// A token and the byte offset where it starts in the query.
#[derive(Debug, Clone, PartialEq)]
struct Spanned {
    token: Token,
    at: usize,
}

/// Check the raw text against the limits, then parse it.
pub fn parse(input: &str) -> Result<Node> {
    if raw_depth(input) > MAX_DEPTH {
        return Err(bad(format!(
            "parentheses are nested more than {MAX_DEPTH} deep"
        )));
    }
    if input.len() > MAX_QUERY_BYTES {
        return Err(bad(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            input.len()
        )));
    }
    if let Some((at, c)) = input
        .char_indices()
        .find(|(_, c)| c.is_control() && !c.is_whitespace())
    {
        return Err(bad_at(
            format!(
                "the query contains a control character (U+{:04X})",
                c as u32
            ),
            input,
            at,
        ));
    }
    if input.trim().is_empty() {
        return Err(bad("the query is empty"));
    }
    let tokens = lex(input)?;
    check_depth(input, &tokens)?;
    let mut parser = Parser {
        input,
        tokens,
        pos: 0,
    };
    let node = parser.or()?;
    match parser.tokens.get(parser.pos) {
        None => Ok(node),
        Some(Spanned {
            token: Token::Close,
            at,
        }) => Err(bad_at(
            "unbalanced parentheses: a ')' has no matching '('",
            input,
            *at,
        )),
        Some(t) => Err(bad_at(format!("unexpected {:?}", t.token), input, t.at)),
    }
}

/// A command-line argument as the query language reads it. Quotes make a phrase;
/// on the command line the quotes a user types are the shell's, so an argument of
/// several plain words (perhaps with `field:value` filters: `"kind:ilacs chronic
/// neglect"`) is the phrase its words were quoted as, and any other argument
/// (an operator, a quote, a marked word) is the query language as written. The
/// web box, `--query-file` and the API are the query language itself, where plain
/// words are ANDed.
pub fn argument_query(arg: &str) -> String {
    let Ok(tokens) = lex(arg) else {
        return arg.to_string();
    };
    if plain_words_phrase(arg, &tokens).is_none() {
        return arg.to_string();
    }
    let mut parts = Vec::new();
    let mut words = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match &t.token {
            Token::Term(Node::Word(w)) => words.push(w.as_str()),
            _ => {
                let end = tokens.get(i + 1).map_or(arg.len(), |n| n.at);
                parts.push(arg[t.at..end].trim().to_string());
            }
        }
    }
    parts.push(format!("\"{}\"", words.join(" ")));
    parts.join(" ")
}

/// The phrase an argument of plain words (and filters) stands for, if it is one.
fn plain_words_phrase(input: &str, tokens: &[Spanned]) -> Option<Node> {
    let mut words = Vec::new();
    let mut filters = Vec::new();
    for t in tokens {
        match &t.token {
            Token::Term(Node::Word(w)) if !input[t.at..].starts_with('+') => words.push(w.as_str()),
            Token::Term(f @ Node::Field(..)) => filters.push(f.clone()),
            _ => return None,
        }
    }
    if words.len() < 2 {
        return None;
    }
    let phrase = Node::Phrase(words.join(" "));
    Some(if filters.is_empty() {
        phrase
    } else {
        filters.push(phrase);
        Node::And(filters)
    })
}

/// Deepest parenthesis nesting outside quotes, by a flat scan of the raw text.
fn raw_depth(input: &str) -> usize {
    let (mut depth, mut max, mut quoted) = (0usize, 0usize, false);
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                max = max.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

fn lex(input: &str) -> Result<Vec<Spanned>> {
    let mut tokens: Vec<Spanned> = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        let token = match c {
            c if c.is_whitespace() => {
                chars.next();
                continue;
            }
            '(' => {
                chars.next();
                Token::Open
            }
            ')' => {
                chars.next();
                Token::Close
            }
            '"' => {
                chars.next();
                let text = read_quoted(input, start, &mut chars)?;
                let suffix = read_suffix(&mut chars);
                Token::Term(phrase_node(text, &suffix, input, start)?)
            }
            '^' if tokens.last().is_some_and(|t| t.token == Token::Close) => {
                chars.next();
                let suffix = format!("^{}", read_suffix(&mut chars));
                match parse_suffix(&suffix) {
                    Some((None, Some(boost))) => Token::Boost(check_boost(boost, input, start)?),
                    _ => {
                        return Err(bad_at(
                            format!("'{suffix}' after ')' is not a boost like ^2"),
                            input,
                            start,
                        ));
                    }
                }
            }
            '!' => {
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if !n.is_whitespace() && n != ')' => Token::Not,
                    _ => {
                        return Err(bad_at(
                            "'!' needs a term right after it (!housing)",
                            input,
                            start,
                        ));
                    }
                }
            }
            '-' if !tokens.is_empty() || start == 0 => {
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if !n.is_whitespace() && n != ')' => Token::Not,
                    _ => continue,
                }
            }
            _ => word_token(input, start, &mut chars)?,
        };
        tokens.push(Spanned { token, at: start });
    }
    Ok(tokens)
}

/// A run of characters up to a space, bracket or quote: an operator, a word, or
/// (when it ends with a colon) the start of a `field:value` term.
fn word_token(input: &str, start: usize, chars: &mut Chars<'_>) -> Result<Token> {
    let mut end = start;
    while let Some(&(i, ch)) = chars.peek() {
        if ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"' {
            break;
        }
        end = i + ch.len_utf8();
        chars.next();
        if ch == ':' {
            break;
        }
    }
    let word = &input[start..end];
    if let Some(field) = word.strip_suffix(':') {
        return field_token(input, start, field, chars);
    }
    Ok(match word {
        "AND" | "&&" => Token::And,
        "OR" | "||" => Token::Or,
        "NOT" => Token::Not,
        "NEAR" => Token::Near(DEFAULT_NEAR),
        _ => match word.strip_prefix("NEAR/") {
            Some(n) => Token::Near(
                n.parse::<u32>()
                    .ok()
                    .filter(|n| *n <= MAX_SLOP)
                    .ok_or_else(|| {
                        bad_at(
                            format!("'{word}': NEAR/ takes a number of words from 0 to {MAX_SLOP}"),
                            input,
                            start,
                        )
                    })?,
            ),
            None => Token::Term(word_node(word, input, start)?),
        },
    })
}

/// The characters glued to the end of a phrase (`~3`, `^2`), up to a space or bracket.
fn read_suffix(chars: &mut Chars<'_>) -> String {
    let mut suffix = String::new();
    while let Some(&(_, ch)) = chars.peek() {
        if ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"' {
            break;
        }
        suffix.push(ch);
        chars.next();
    }
    suffix
}

/// `~n`, `^n` or `~n^m` at the end of a term: (slop or edits, boost). `None`
/// when `suffix` is not of that form. A bare `~` is `~1`.
fn parse_suffix(suffix: &str) -> Option<(Option<u32>, Option<f32>)> {
    if suffix.is_empty() {
        return Some((None, None));
    }
    let (tilde, boost) = match suffix.find('^') {
        Some(i) => (&suffix[..i], Some(&suffix[i + 1..])),
        None => (suffix, None),
    };
    let tilde = if tilde.is_empty() {
        None
    } else {
        let n = tilde.strip_prefix('~')?;
        Some(if n.is_empty() {
            1
        } else {
            n.parse::<u32>().ok()?
        })
    };
    let boost = match boost {
        None => None,
        Some(b) => Some(b.parse::<f32>().ok().filter(|b| b.is_finite())?),
    };
    Some((tilde, boost))
}

fn check_boost(boost: f32, input: &str, at: usize) -> Result<f32> {
    if boost > 0.0 && boost <= MAX_BOOST {
        Ok(boost)
    } else {
        Err(bad_at(
            format!("a boost must be a number above 0 and at most {MAX_BOOST} (^2, ^0.5)"),
            input,
            at,
        ))
    }
}

fn boosted(node: Node, boost: Option<f32>, input: &str, at: usize) -> Result<Node> {
    Ok(match boost {
        Some(b) => Node::Boost(Box::new(node), check_boost(b, input, at)?),
        None => node,
    })
}

/// A quoted phrase and what is glued after it: `"a b"~3` is a sloppy phrase.
fn phrase_node(text: String, suffix: &str, input: &str, at: usize) -> Result<Node> {
    let Some((slop, boost)) = parse_suffix(suffix) else {
        return Err(bad_at(
            format!(
                "'{suffix}' after a phrase is not supported: a phrase may be followed by ~n \
                 (words apart, \"chronic neglect\"~3) or ^n (a boost)"
            ),
            input,
            at,
        ));
    };
    let node = match slop {
        None => Node::Phrase(text),
        Some(n) if n > MAX_SLOP => {
            return Err(bad_at(
                format!("'~{n}': a phrase's words may be at most {MAX_SLOP} apart"),
                input,
                at,
            ));
        }
        Some(n) => Node::Sloppy(text, n),
    };
    boosted(node, boost, input, at)
}

/// An unquoted word with what it may carry: `neglec*` and `negl?ct` (wildcards),
/// `neglet~1` (fuzzy), `^2` (boost), `+` (required, as every word is). Syntax the
/// language does not have is refused by name rather than searched as words.
fn word_node(word: &str, input: &str, at: usize) -> Result<Node> {
    let refuse = |msg: String| Err(bad_at(msg, input, at));
    let word = match word.strip_prefix('+') {
        Some("") => return refuse("'+' needs a word right after it (+neglect)".into()),
        Some(rest) => rest,
        None => word,
    };
    if matches!(word, "and" | "or" | "not" | "near") {
        let upper = word.to_ascii_uppercase();
        return refuse(format!(
            "'{word}' in lower case is ambiguous: write {upper} for the operator, or \"{word}\" \
             inside a phrase for the word"
        ));
    }
    if let Some(c) = word.chars().find(|c| matches!(c, '[' | ']' | '{' | '}')) {
        return refuse(format!(
            "'{c}' (a range or set) is not supported: use field:low..high for ranges"
        ));
    }
    if word.starts_with('/') && word.len() > 1 && word.ends_with('/') {
        return refuse(format!(
            "regular expressions ('{word}') are not supported; use * and ?"
        ));
    }
    if word.contains('\\') {
        return refuse(format!(
            "'\\' escapes ('{word}') are not supported; quote the text instead"
        ));
    }
    let cut = word.find(['~', '^']).unwrap_or(word.len());
    let (base, suffix) = word.split_at(cut);
    let Some((edits, boost)) = parse_suffix(suffix) else {
        return refuse(format!(
            "'{word}': a word may end with ~n (fuzzy, at most ~{MAX_FUZZY}) or ^n (a boost), \
             nothing else"
        ));
    };
    if base.is_empty() {
        return refuse(format!(
            "'{word}' has no word before its '{}'",
            &suffix[..1]
        ));
    }
    let wild = base.contains(['*', '?']);
    let node = match edits {
        Some(_) if wild => {
            return refuse(format!(
                "'{word}': a word cannot be both fuzzy (~) and a wildcard"
            ));
        }
        Some(n) if n as usize > MAX_FUZZY as usize => {
            return refuse(format!(
                "'{word}': a fuzzy word allows at most {MAX_FUZZY} edits (~1 or ~2)"
            ));
        }
        Some(n) => Node::Fuzzy(base.to_string(), n as u8),
        None if wild => {
            let literal = base.find(['*', '?']).unwrap_or(base.len());
            if base[..literal].chars().count() < MIN_WILDCARD_PREFIX {
                return refuse(format!(
                    "'{base}': a wildcard word needs at least {MIN_WILDCARD_PREFIX} letters before its first * or ?"
                ));
            }
            if let Some(c) = base
                .chars()
                .find(|c| !c.is_alphanumeric() && !matches!(c, '*' | '?'))
            {
                return refuse(format!(
                    "'{base}': a wildcard word may hold letters, digits, * and ? only, not '{c}'"
                ));
            }
            Node::Wildcard(base.to_lowercase())
        }
        None => Node::Word(base.to_string()),
    };
    boosted(node, boost, input, at)
}

fn read_quoted(input: &str, open: usize, chars: &mut Chars<'_>) -> Result<String> {
    for (i, ch) in chars.by_ref() {
        if ch == '"' {
            return Ok(input[open + 1..i].to_string());
        }
    }
    Err(bad_at(
        "unbalanced quotes: a '\"' is not closed",
        input,
        open,
    ))
}

fn field_token(input: &str, at: usize, field: &str, chars: &mut Chars<'_>) -> Result<Token> {
    let looks_like_field =
        !field.is_empty() && field.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
    if !looks_like_field {
        // "10:30", "a:b:c": not a field, keep as a word.
        let mut word = format!("{field}:");
        while let Some(&(_, ch)) = chars.peek() {
            if ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"' {
                break;
            }
            word.push(ch);
            chars.next();
        }
        return Ok(Token::Term(Node::Word(word)));
    }
    let name = field.to_ascii_lowercase();
    if !fields::field(&name).is_some_and(|f| f.query) {
        let glued = chars.peek().is_some_and(|&(_, c)| !c.is_whitespace());
        let url = chars.peek().is_some_and(|&(_, c)| c == '/');
        let names: Vec<&str> = fields::query_fields().map(|f| f.name).collect();
        let near = names
            .iter()
            .find(|n| strsim::levenshtein(n, &name) <= 2.min(name.len() / 3));
        return match near {
            // `autority:Leeds` is a mistyped field, not the words "autority leeds".
            Some(near) if glued && !url => Err(bad_at(
                format!(
                    "unknown field '{field}' (did you mean {near}:? fields: {})",
                    names.join(", ")
                ),
                input,
                at,
            )),
            // `http://...`: the whole address, searched as the phrase of its words.
            _ if url => {
                let mut word = format!("{field}:");
                word.push_str(&read_suffix(chars));
                Ok(Token::Term(Node::Word(word)))
            }
            // `services: progress`: a word that happens to end with a colon.
            _ => Ok(Token::Term(Node::Word(field.to_string()))),
        };
    }
    let value = match chars.peek() {
        Some(&(i, '"')) => {
            chars.next();
            read_quoted(input, i, chars)?
        }
        _ => {
            let mut value = String::new();
            while let Some(&(_, ch)) = chars.peek() {
                if ch.is_whitespace() || ch == '(' || ch == ')' {
                    break;
                }
                value.push(ch);
                chars.next();
            }
            value
        }
    };
    if value.trim().is_empty() {
        return Err(bad_at(format!("'{field}:' needs a value"), input, at));
    }
    if value.contains(['*', '?', '~', '^']) {
        return Err(bad_at(
            format!("'{field}:{value}': wildcards, ~ and ^ are not supported in field values"),
            input,
            at,
        ));
    }
    Ok(Token::Term(Node::Field(name, value)))
}

/// Refuse deep nesting before the (recursive) parser sees it.
fn check_depth(input: &str, tokens: &[Spanned]) -> Result<()> {
    let mut depth = 0usize;
    let mut nots = 0usize;
    let mut opened = Vec::new();
    for t in tokens {
        match t.token {
            Token::Open => {
                depth += 1;
                opened.push(t.at);
                if depth > MAX_DEPTH {
                    return Err(bad_at(
                        format!("parentheses are nested more than {MAX_DEPTH} deep"),
                        input,
                        t.at,
                    ));
                }
            }
            Token::Close => {
                if depth == 0 {
                    return Err(bad_at(
                        "unbalanced parentheses: a ')' has no matching '('",
                        input,
                        t.at,
                    ));
                }
                depth -= 1;
                opened.pop();
            }
            Token::Not => {
                nots += 1;
                if nots > MAX_DEPTH {
                    return Err(bad_at(
                        format!("more than {MAX_DEPTH} NOTs in a row"),
                        input,
                        t.at,
                    ));
                }
                continue;
            }
            _ => {}
        }
        nots = 0;
    }
    if let Some(&at) = opened.last() {
        return Err(bad_at(
            "unbalanced parentheses: a '(' is not closed",
            input,
            at,
        ));
    }
    Ok(())
}

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Spanned>,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|t| &t.token)
    }

    /// Where the next token starts (the end of the query when there is none).
    fn here(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.input.len(), |t| t.at)
    }

    fn or(&mut self) -> Result<Node> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Node> {
        let mut parts = vec![self.near()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    self.pos += 1;
                    parts.push(self.near()?);
                }
                None | Some(Token::Or) | Some(Token::Close) => break,
                Some(_) => parts.push(self.near()?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    /// `a NEAR/n b`: two words (or phrases) within n words of each other.
    fn near(&mut self) -> Result<Node> {
        let at = self.here();
        let left = self.unary()?;
        let Some(&Token::Near(slop)) = self.peek() else {
            return Ok(left);
        };
        self.pos += 1;
        let right = self.unary()?;
        let operand = |n: Node| match n {
            Node::Word(w) | Node::Phrase(w) => Some(w),
            _ => None,
        };
        let (Some(l), Some(r)) = (operand(left), operand(right)) else {
            return Err(bad_at(
                "NEAR joins two plain words or phrases (chronic NEAR/3 neglect)",
                self.input,
                at,
            ));
        };
        if matches!(self.peek(), Some(Token::Near(_))) {
            return Err(bad_at(
                "NEAR joins two terms; combine several NEARs with AND",
                self.input,
                self.here(),
            ));
        }
        Ok(Node::Near(l, r, slop))
    }

    fn unary(&mut self) -> Result<Node> {
        if self.peek() == Some(&Token::Not) {
            self.pos += 1;
            return Ok(Node::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node> {
        let at = self.here();
        let token = self.peek().cloned();
        self.pos += 1;
        let input = self.input;
        let fail = |msg: &str| Err(bad_at(msg, input, at));
        match token {
            Some(Token::Open) => {
                if self.peek() == Some(&Token::Close) {
                    return fail("empty parentheses");
                }
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return fail("unbalanced parentheses: a '(' is not closed");
                }
                self.pos += 1;
                if let Some(&Token::Boost(b)) = self.peek() {
                    self.pos += 1;
                    return Ok(Node::Boost(Box::new(inner), b));
                }
                Ok(inner)
            }
            Some(Token::Term(node)) => Ok(node),
            Some(Token::Near(_)) => fail("NEAR needs a term on both sides"),
            Some(Token::Boost(_)) => fail("a boost ^n must follow a term or a ')'"),
            Some(Token::Close) => fail("unbalanced parentheses: a ')' has no matching '('"),
            Some(Token::And) | Some(Token::Or) => fail("AND/OR needs a term on both sides"),
            Some(Token::Not) => fail("NOT needs a term after it"),
            None => fail("the query ends where a term was expected"),
        }
    }
}
