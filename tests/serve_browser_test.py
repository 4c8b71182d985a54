#!/usr/bin/env python3
"""`vnreform serve` in a real browser: headless Chromium driven over
WebDriver (plain HTTP JSON to chromedriver, standard library only). Builds a
database from corpus/ (run, then facts when the binary has it), loads pages,
clicks a facet, checks that the charts drew (a Chart instance, a canvas
with pixels) and the tables filled, and saves screenshots under OUT_DIR.
Exits 77 (skipped) when chromium or chromedriver is absent.
usage: serve_browser_test.py VNREFORM SOURCE_DIR OUT_DIR"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_harness as h  # noqa: E402

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def find_browser():
    for b in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(b):
            return shutil.which(b)
    return None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class WebDriver:
    def __init__(self, driver, browser):
        self.port = free_port()
        self.proc = subprocess.Popen([driver, "--port=%d" % self.port],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        for _ in range(100):
            try:
                st, _, _ = h.request(self.base + "/status")
                if st == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": browser, "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions"]}}}}
        value = self.call("POST", "/session", caps)
        self.session = value["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        if method == "POST" and data is None:
            data = b"{}"
        st, _, out = h.request(self.base + path, method=method, data=data)
        value = json.loads(out or b"{}").get("value")
        if st != 200:
            raise RuntimeError("webdriver %s %s: %s %s" % (method, path, st, value))
        return value

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def get(self, url):
        self.s("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        return self.s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def click(self, element):
        self.s("POST", "/element/%s/click" % element)

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def quit(self):
        try:
            self.s("DELETE", "")
        except Exception:  # noqa: BLE001 - the driver is killed anyway
            pass
        self.proc.terminate()
        self.proc.wait()


CHART_DRAWN = """
const canvases = Array.from(document.querySelectorAll('canvas'));
if (!window.vnreformCharts || !canvases.length) return {charts: 0, painted: 0};
let painted = 0;
for (const c of canvases) {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) { painted++; break; }
}
return {charts: window.vnreformCharts.length, painted: painted};
"""
ROWS = "return document.querySelectorAll(arguments[0] + ' tbody tr').length;"


def wait_for(fn, seconds=10):
    end = time.time() + seconds
    while True:
        v = fn()
        if v or time.time() > end:
            return v
        time.sleep(0.2)


def main():
    vnreform, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
    browser, driver = find_browser(), shutil.which("chromedriver")
    if not browser or not driver:
        print("skipped: chromium and chromedriver are needed (scripts/deps installs them)")
        return 77
    os.makedirs(out, exist_ok=True)
    c = h.Checks()
    tmp = tempfile.mkdtemp(prefix="vnreform_browser_")
    server = wd = None
    try:
        db = h.build_db(vnreform, os.path.join(root, "corpus"), tmp)
        server = h.Server(vnreform, db)
        wd = WebDriver(driver, browser)
        u = server.url

        # Home: the articles per year chart and the tables.
        wd.get(u + "/")
        drawn = wait_for(lambda: wd.js(CHART_DRAWN)["painted"])
        c.check("home: chart drew", drawn > 0)
        c.check("home: types table filled", wd.js(ROWS, "table[data-name=types]") > 0)

        # Search, then a click on a year facet narrows the results.
        wd.get(u + "/search?" + urllib.parse.urlencode({"q": "cai cach hanh chinh"}))
        before = wd.js(ROWS, "table[data-name=results]")
        c.check("search: results table filled", before > 0, before)
        c.check("search: 'cai cach' finds 'cải cách'",
                "cải cách" in wd.js("return document.body.innerText;").lower())
        facet = wd.find("ul[data-facet=year] a.facet")
        year = wd.js("return arguments[0].textContent;", {ELEMENT: facet})
        wd.click(facet)
        wait_for(lambda: "year=" in wd.js("return location.search;"))
        c.check("search: the facet click set the year", "year=" + year in wd.js("return location.search;"))
        after = wd.js(ROWS, "table[data-name=results]")
        c.check("search: narrowed results filled", 0 < after <= before, (before, after))
        c.check("search: chart drew", wait_for(lambda: wd.js(CHART_DRAWN)["painted"]) > 0)
        wd.screenshot(os.path.join(out, "search.png"))

        # An article: its records highlighted.
        wd.get(u + "/search?" + urllib.parse.urlencode({"q": "nhiem vu"}))
        link = wd.find("table[data-name=results] tbody tr a")
        wd.click(link)
        wait_for(lambda: "/article/" in wd.js("return location.pathname;"))
        c.check("article: records listed", wd.js(ROWS, "table[data-name=records]") > 0)
        c.check("article: words highlighted", wd.js("return document.querySelectorAll('mark').length;") > 0)
        wd.screenshot(os.path.join(out, "article.png"))

        # The facts pages: an index, a unit, a fact (when the facts tables exist).
        st, _, body = h.request(u + "/indices.json")
        if st == 200:
            pages = json.loads(body)
            index_link = wd_first_link(wd, u + "/indices", "table tbody tr a[href^='/index/']")
            c.check("indices: an index listed", index_link is not None)
            if index_link:
                wd.get(u + index_link)
                c.check("index: table filled", wd.js(ROWS, "table") > 0)
                c.check("index: chart drew", wait_for(lambda: wd.js(CHART_DRAWN)["painted"]) > 0)
                wd.screenshot(os.path.join(out, "index.png"))
                unit_link = wd.js("const a = document.querySelector(\"a[href^='/unit/']\");"
                                  " return a ? a.getAttribute('href') : null;")
                c.check("index: links its units", unit_link is not None)
                if unit_link:
                    wd.get(u + unit_link)
                    c.check("unit: table filled", wd.js(ROWS, "table") > 0)
                    c.check("unit: chart drew", wait_for(lambda: wd.js(CHART_DRAWN)["painted"]) > 0)
                    wd.screenshot(os.path.join(out, "unit.png"))
            fact_link = (wd_first_link(wd, u + "/facts?kind=rank", "table tbody tr a[href^='/fact/']")
                         or wd_first_link(wd, u + "/facts", "table tbody tr a[href^='/fact/']"))
            c.check("facts: a fact listed", fact_link is not None)
            if fact_link:
                wd.get(u + fact_link)
                c.check("fact: sources filled", wd.js(ROWS, "table[data-name=sources]") > 0)
                c.check("fact: sentence highlighted",
                        wd.js("return document.querySelectorAll('mark').length;") > 0)
                wd.screenshot(os.path.join(out, "fact.png"))
            del pages
        else:
            print("note: no facts tables in this build; index, unit and fact pages not tested")
        print("screenshots in %s: %s" % (out, ", ".join(sorted(os.listdir(out)))))
    except Exception as e:  # noqa: BLE001 - any failure is a failed test, with its cause
        c.check("browser session", False, repr(e))
    finally:
        if wd:
            wd.quit()
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return c.finish()


def wd_first_link(wd, page, css):
    wd.get(page)
    return wd.js("const a = document.querySelector(arguments[0]);"
                 " return a ? a.getAttribute('href') : null;", css)


if __name__ == "__main__":
    sys.exit(main())
