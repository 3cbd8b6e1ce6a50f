//! Hostile PDFs (issue 14): each used to crash, hang or exhaust an index run.
//! The files are generated here (benches/hostile_files.py builds the same ones
//! for the benchmark); each must be skipped with a one-line reason within its
//! limits while the rest of the corpus is indexed in the same run, and later
//! runs must skip it at once (quarantine) until it changes.

use std::fs;
use std::io::Write;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{Sandbox, stderr};

/// A PDF from object bodies (object i + 1 is `objects[i]`), with a valid xref.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn obj(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A Form XObject whose content draws itself: unbounded recursion.
pub fn self_drawing_form() -> Vec<u8> {
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /X0 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
        ),
        stream(
            "",
            b"BT /F1 12 Tf 72 720 Td (A self drawing form) Tj ET /X0 Do",
        ),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X0 5 0 R >> >>",
            b"/X0 Do",
        ),
        obj(FONT),
    ])
}

/// A page whose Pages node is its own parent, with no MediaBox to inherit.
pub fn pages_own_parent() -> Vec<u8> {
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        ),
        stream("", b"BT /F1 12 Tf 72 720 Td (Lost in the page tree) Tj ET"),
        obj(FONT),
    ])
}

/// A content stream compressed twice: a few KB that expand to a gigabyte.
pub fn double_flate_bomb() -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        e.write_all(&chunk).unwrap();
    }
    let twice = zlib(&e.finish().unwrap());
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        ),
        stream("/Filter [/FlateDecode /FlateDecode]", &twice),
        obj(FONT),
    ])
}

/// Forty pages drawing one large compressed content stream.
pub fn shared_content() -> Vec<u8> {
    let pages = 40;
    let mut content = b"BT /F1 12 Tf 72 720 Td ".to_vec();
    for _ in 0..100_000 {
        content.extend_from_slice(b"(word) Tj ");
    }
    content.extend_from_slice(b"ET");
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )),
        stream("/Filter /FlateDecode", &zlib(&content)),
        obj(FONT),
    ];
    for _ in 0..pages {
        objects.push(obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"));
    }
    pdf(&objects)
}

/// A small well-formed PDF with a line of text.
pub fn readable(words: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({words}) Tj ET");
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        ),
        stream("/Filter /FlateDecode", &zlib(content.as_bytes())),
        obj(FONT),
    ])
}

fn skipped<'a>(summary: &'a Value, name: &str) -> Option<&'a str> {
    summary["skipped"]
        .as_array()?
        .iter()
        .find(|s| s["path"].as_str().is_some_and(|p| p.ends_with(name)))?["reason"]
        .as_str()
}

/// Index a corpus of the seeds, a readable PDF and `hostile`, and check the run:
/// the hostile file skipped with a reason containing `why` within `within`, the
/// rest indexed; then a second run skips it at once with the same reason, and a
/// changed file is read again.
fn hostile_file_is_skipped_and_quarantined(name: &str, hostile: Vec<u8>, why: &str) {
    let within = Duration::from_secs(5);
    let sb = Sandbox::seeds();
    fs::write(sb.corpus().join(name), &hostile).unwrap();
    fs::write(
        sb.corpus().join("readable.pdf"),
        readable("Inspection of Leeds local authority children's services, where a hostile neighbour sat"),
    )
    .unwrap();
    let started = Instant::now();
    let out = sb.run(&["index", "--json", "--quiet"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).expect("summary");
    let reason = skipped(&summary, name).unwrap_or_else(|| panic!("{name} not skipped: {summary}"));
    assert!(reason.contains(why), "{name}: {reason}");
    assert!(!reason.contains('\n'));
    assert!(took < within, "{name}: the run took {took:?}");
    assert_eq!(summary["docs"], 6, "{summary}");
    assert_eq!(
        sb.hit_paths(&["hostile neighbour"]),
        ["corpus/readable.pdf"]
    );

    // Quarantined: skipped again, with the same reason, without reading it.
    let started = Instant::now();
    let again = sb.index();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "second run slow"
    );
    assert_eq!(skipped(&again, name), Some(reason));
    assert_eq!(again["unchanged"], 6);
    // The index still takes changes.
    fs::remove_file(sb.corpus().join("readable.pdf")).unwrap();
    let third = sb.index();
    assert_eq!(
        (third["removed"].as_u64(), third["docs"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(skipped(&third, name), Some(reason));

    // Replaced by a readable file under the same name: indexed.
    fs::write(
        sb.corpus().join(name),
        readable("Now a plain letter about fostering"),
    )
    .unwrap();
    let fixed = sb.index();
    assert!(skipped(&fixed, name).is_none(), "{fixed}");
    assert_eq!(fixed["added"], 1, "{fixed}");
}

#[test]
fn a_form_xobject_that_draws_itself_is_skipped_not_a_crash() {
    hostile_file_is_skipped_and_quarantined("form.pdf", self_drawing_form(), "stack overflow");
}

#[test]
fn a_pages_node_that_is_its_own_parent_is_skipped_not_a_hang() {
    hostile_file_is_skipped_and_quarantined("loop.pdf", pages_own_parent(), "page tree loops");
}

#[test]
fn a_double_flate_decompression_bomb_is_skipped_within_limits() {
    hostile_file_is_skipped_and_quarantined("bomb.pdf", double_flate_bomb(), "decompression limit");
}

#[test]
fn many_pages_sharing_one_large_content_stream_are_bounded() {
    hostile_file_is_skipped_and_quarantined("shared.pdf", shared_content(), "content limit");
}

#[test]
fn a_quarantined_file_touched_but_unchanged_stays_quarantined() {
    let sb = Sandbox::seeds();
    let path = sb.corpus().join("form.pdf");
    fs::write(&path, self_drawing_form()).unwrap();
    let first = sb.index();
    let reason = skipped(&first, "form.pdf").expect("skipped").to_string();
    // Same bytes, new mtime: recognised by its hash, not read again.
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    drop(file);
    let second = sb.index();
    assert_eq!(skipped(&second, "form.pdf"), Some(reason.as_str()));
    // A rebuild keeps the quarantine too.
    let rebuilt = sb.json(&["index", "--rebuild", "--json", "--quiet"], 0);
    assert_eq!(skipped(&rebuilt[0], "form.pdf"), Some(reason.as_str()));
    assert_eq!(rebuilt[0]["docs"], 5);
}

/// Pages of ordinary size, within every budget, but too slow for the deadline
/// (lowered for the test): the worker is killed and the file skipped.
#[test]
fn a_pdf_slower_than_its_deadline_is_killed_and_skipped() {
    let mut content = b"BT /F1 12 Tf 72 720 Td ".to_vec();
    for _ in 0..40_000 {
        content.extend_from_slice(b"(word) Tj ");
    }
    content.extend_from_slice(b"ET");
    let pages = 20;
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj(&format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )),
        obj(FONT),
    ];
    for i in 0..pages {
        objects.push(obj(&format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>", 5 + 2 * i)));
        objects.push(stream("/Filter /FlateDecode", &zlib(&content)));
    }
    let sb = Sandbox::seeds();
    fs::write(sb.corpus().join("slow.pdf"), pdf(&objects)).unwrap();
    let out = sb
        .command(&["index", "--json", "--quiet"])
        .env("OFSEARCH_PDF_DEADLINE_MS", "100")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reason = skipped(&summary, "slow.pdf").expect("skipped");
    assert!(reason.contains("time limit"), "{reason}");
    assert_eq!(summary["docs"], 5);
}
