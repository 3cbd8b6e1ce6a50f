//! The query syntax: limits checked on the raw text, a lexer and a recursive
//! descent parser (whose depth the limits bound). Errors say where the problem is.

use super::{MAX_DEPTH, MAX_QUERY_BYTES, Node, bad, bad_at};
use crate::error::Result;
use crate::fields;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Word(String),
    Phrase(String),
    Field(String, String),
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
                Token::Phrase(read_quoted(input, start, &mut chars)?)
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
        _ => Token::Word(word.to_string()),
    })
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
        return Ok(Token::Word(word));
    }
    let name = field.to_ascii_lowercase();
    if !fields::field(&name).is_some_and(|f| f.query) {
        let names: Vec<&str> = fields::query_fields().map(|f| f.name).collect();
        return Err(bad_at(
            format!("unknown field '{field}' (fields: {})", names.join(", ")),
            input,
            at,
        ));
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
    Ok(Token::Field(name, value))
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
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    self.pos += 1;
                    parts.push(self.unary()?);
                }
                None | Some(Token::Or) | Some(Token::Close) => break,
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
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
                Ok(inner)
            }
            Some(Token::Word(w)) => Ok(Node::Word(w)),
            Some(Token::Phrase(p)) => Ok(Node::Phrase(p)),
            Some(Token::Field(f, v)) => Ok(Node::Field(f, v)),
            Some(Token::Close) => fail("unbalanced parentheses: a ')' has no matching '('"),
            Some(Token::And) | Some(Token::Or) => fail("AND/OR needs a term on both sides"),
            Some(Token::Not) => fail("NOT needs a term after it"),
            None => fail("the query ends where a term was expected"),
        }
    }
}
