"""What the benchmark scripts share: the query measured and the unit of size."""
import sys

PHRASE = "chronic neglect"
FTS_MATCH = '"chronic neglect"'
MB = 1e6  # the generator reports MB as 10^6 bytes; so do we


def log(msg=""):
    print(msg, file=sys.stderr, flush=True)


def mb_kb(kb):
    return "n/a" if kb is None else f"{kb / 1024:.0f} MB"
