#!/usr/bin/env python3
"""Drive headless Chromium through chromedriver (W3C WebDriver over plain HTTP,
standard library only) against a running `ofsearch serve`.

Searches "chronic neglect", checks the focused-visit letter is shown with the
phrase marked, clicks the year facet 2020, checks the hit remains and the filter
is active, and saves a screenshot. Exits non-zero with a message on failure.
"""

import argparse
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
FOCUSED_VISIT = "003_af001f87f6699c88.txt"
QUERY = '"chronic neglect"'
YEAR = "2020"


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, base):
        self.base = base
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            raise Failure(f"webdriver {method} {path}: {e.code} {detail[:500]}")

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def start(self, chromium, width, height):
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--no-first-run",
                            "--hide-scrollbars",
                            f"--window-size={width},{height}",
                        ],
                    },
                }
            }
        }
        value = self.call("POST", "/session", caps, timeout=120)
        self.session = value["sessionId"]

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}", timeout=20)
            except Exception:
                pass
            self.session = None

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def url(self):
        return self.s("GET", "/url")

    def find_all(self, css):
        found = self.s("POST", "/elements", {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def find(self, css, timeout=10):
        deadline = time.time() + timeout
        while True:
            found = self.find_all(css)
            if found:
                return found[0]
            if time.time() > deadline:
                raise Failure(f"no element matches {css!r} on {self.url()}")
            time.sleep(0.1)

    def prop(self, element, name):
        return self.s("GET", f"/element/{element}/property/{name}")

    def text(self, element):
        return self.s("GET", f"/element/{element}/text")

    def click(self, element):
        self.s("POST", f"/element/{element}/click", {})

    def clear(self, element):
        self.s("POST", f"/element/{element}/clear", {})

    def type(self, element, text):
        self.s("POST", f"/element/{element}/value", {"text": text})

    def screenshot(self, path):
        png = base64.b64decode(self.s("GET", "/screenshot"))
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png)


def wait_until(what, test, timeout=10):
    deadline = time.time() + timeout
    while True:
        value = test()
        if value:
            return value
        if time.time() > deadline:
            raise Failure(f"timed out waiting for {what}")
        time.sleep(0.1)


def check(d, base, screenshot):
    d.go(base)
    box = d.find('input[name="q"]')
    d.clear(box)
    d.type(box, QUERY + "\ue007")  # Enter submits the form
    wait_until("the results page", lambda: "q=" in d.url())

    hit = d.find(f'li.hit[data-path$="{FOCUSED_VISIT}"]')
    html = d.prop(hit, "innerHTML")
    if "<mark>chronic neglect</mark>" not in html:
        raise Failure(f"the hit has no <mark>chronic neglect</mark>: {html[:800]}")
    print(f"ok: {FOCUSED_VISIT} shown with <mark>chronic neglect</mark>")
    value = d.prop(d.find('input[name="q"]'), "value")
    if value != QUERY:
        raise Failure(f"the search box holds {value!r}, not {QUERY!r}")
    print("ok: the search box keeps the query")

    links = d.find_all('section[data-facet="year"] li a')
    target = None
    for link in links:
        if d.text(link).strip() == YEAR:
            target = link
            break
    if target is None:
        shown = [d.text(a) for a in links]
        raise Failure(f"no year facet entry {YEAR} (year facet shows {shown})")
    d.click(target)
    wait_until("the year filter in the URL", lambda: f"year={YEAR}" in d.url())
    print(f"ok: clicked year facet {YEAR}: {d.url()}")

    hit = d.find(f'li.hit[data-path$="{FOCUSED_VISIT}"]')
    if "<mark>chronic neglect</mark>" not in d.prop(hit, "innerHTML"):
        raise Failure("after filtering, the hit lost its marked phrase")
    chip = d.find('.chip[data-filter="year"]')
    if YEAR not in d.text(chip):
        raise Failure(f"the active filter reads {d.text(chip)!r}")
    active = d.find('section[data-facet="year"] li.active')
    if YEAR not in d.text(active):
        raise Failure(f"the active year facet reads {d.text(active)!r}")
    print(f"ok: the hit remains and the filter year={YEAR} is shown as active")

    d.screenshot(screenshot)
    print(f"ok: screenshot {screenshot}")

    narrow(d, d.url(), screenshot.replace(".png", f"-{NARROW}.png"))


NARROW = 420


def narrow(d, results_url, screenshot):
    """The results page and a document page fit a phone-wide window: nothing
    wider than the window (no sideways scrolling)."""
    d.s("POST", "/window/rect", {"width": NARROW, "height": 900})
    for what, url in [("results", results_url), ("document", None)]:
        if url is None:
            link = d.find(f'li.hit[data-path$="{FOCUSED_VISIT}"] h3 a')
            d.click(link)
            wait_until("the document page", lambda: "/doc?" in d.url())
        else:
            d.go(url)
            d.find("li.hit")
        inner = d.s("POST", "/execute/sync", {"script": "return window.innerWidth", "args": []})
        wide = d.s(
            "POST",
            "/execute/sync",
            {"script": "return document.documentElement.scrollWidth", "args": []},
        )
        if wide > inner:
            raise Failure(f"the {what} page is {wide} px wide in a {inner} px window")
        print(f"ok: the {what} page fits {inner} px")
    d.go(results_url)
    d.find("li.hit")
    d.screenshot(screenshot)
    print(f"ok: screenshot {screenshot}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--chromedriver", required=True)
    ap.add_argument("--screenshot", required=True)
    args = ap.parse_args()

    port = free_port()
    log = open(os.devnull, "w")
    driver_proc = subprocess.Popen(
        [args.chromedriver, f"--port={port}", "--allowed-ips=127.0.0.1"],
        stdout=log,
        stderr=log,
    )
    d = Driver(f"http://127.0.0.1:{port}")
    try:
        wait_until(
            "chromedriver",
            lambda: _ready(d),
            timeout=30,
        )
        d.start(args.chromium, 1280, 1100)
        check(d, args.url, args.screenshot)
    except Failure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        try:
            d.screenshot(args.screenshot.replace(".png", "-failure.png"))
        except Exception:
            pass
        return 1
    finally:
        d.quit()
        driver_proc.terminate()
        try:
            driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver_proc.kill()
    return 0


def _ready(d):
    try:
        return (d.call("GET", "/status", timeout=2) or {}).get("ready")
    except (Failure, OSError):
        return False


if __name__ == "__main__":
    sys.exit(main())
