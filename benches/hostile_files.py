"""Hostile input files for benches/hostile.py, generated (never committed).

Each function returns the bytes of one small file that used to crash, hang or
exhaust an `ofsearch index` run. tests/integration/hostile.rs builds the same
files in Rust for the regression tests.
"""
import zlib


def pdf(objects, root=1):
    """A PDF from object bodies (object i + 1 is objects[i]; bytes or str)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects):
        if isinstance(body, str):
            body = body.encode("latin-1")
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(dict_entries, data):
    return f"<< {dict_entries} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def self_drawing_form():
    """A Form XObject whose content draws itself: unbounded recursion."""
    return pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /XObject << /X0 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
        stream("", b"BT /F1 12 Tf 72 720 Td (A self drawing form) Tj ET /X0 Do"),
        stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
               "/Resources << /XObject << /X0 5 0 R >> >>", b"/X0 Do"),
        FONT,
    ])


def pages_own_parent():
    """A page whose Pages node is its own parent, with no MediaBox anywhere: a
    reader that climbs the tree for inherited attributes never stops."""
    return pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>",
        "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream("", b"BT /F1 12 Tf 72 720 Td (Lost in the page tree) Tj ET"),
        FONT,
    ])


def double_flate_bomb(inner_mb=1024):
    """A content stream compressed twice: a few KB that expand to `inner_mb` MB."""
    raw_chunk = b" " * (1 << 20)
    c = zlib.compressobj(9)
    once = b"".join(c.compress(raw_chunk) for _ in range(inner_mb)) + c.flush()
    twice = zlib.compress(once, 9)
    return pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream("/Filter [/FlateDecode /FlateDecode]", twice),
        FONT,
    ])


def shared_content(pages=40, ops=100_000):
    """Many pages drawing one large (compressed) content stream."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"(word) Tj " * ops + b"ET"
    packed = zlib.compress(content, 9)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
        stream("/Filter /FlateDecode", packed),
        FONT,
    ]
    for _ in range(pages):
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       "/Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>")
    return pdf(objects)


def normal(title="Focused visit to Wakefield local authority children's services"):
    """A small well-formed PDF with a line of text (to check the rest is indexed)."""
    text = f"BT /F1 12 Tf 72 720 Td ({title}) Tj 0 -20 Td (Where chronic neglect is a key feature.) Tj ET"
    return pdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream("", text.encode()),
        FONT,
    ])


PDFS = {
    "self_drawing_form": self_drawing_form,
    "pages_own_parent": pages_own_parent,
    "double_flate_bomb": double_flate_bomb,
    "shared_content": shared_content,
}
