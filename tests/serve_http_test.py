#!/usr/bin/env python3
"""`vnreform serve` over real HTTP: bound to loopback, GET/HEAD only (405
otherwise), 400 on bad query strings, 404 on unknown ids, escaping of a
hostile article, .json/.csv with the data version, and a database in a
read-only directory served without writing it.
usage: serve_http_test.py VNREFORM SOURCE_DIR"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_harness as h  # noqa: E402


def main():
    vnreform, root = sys.argv[1], sys.argv[2]
    c = h.Checks()
    tmp = tempfile.mkdtemp(prefix="vnreform_serve_")
    os.chmod(tmp, 0o755)
    try:
        src = os.path.join(tmp, "in")
        os.makedirs(src)
        shutil.copytree(os.path.join(root, "corpus", "seeds"), os.path.join(src, "seeds"))
        with open(os.path.join(src, "evil.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "evil", "title": "<script>alert('t')</script>",
                                "url": "javascript:alert(1)", "published": "2024-02-03",
                                "text": "Hà Nội <script>alert('x')</script> hoàn thành 5/10 "
                                        "nhiệm vụ cải cách hành chính."}, ensure_ascii=False)
                    + "\n")
        ro = os.path.join(tmp, "ro")
        os.makedirs(ro)
        db = h.build_db(vnreform, src, ro)
        for f in os.listdir(ro):
            os.chmod(os.path.join(ro, f), 0o444)
        os.chmod(ro, 0o555)
        before = hashlib.sha256(open(db, "rb").read()).hexdigest()
        # Root writes anywhere: serve as nobody, as a reader of a read-only place would.
        prefix = []
        if os.getuid() == 0 and shutil.which("setpriv"):
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        s = h.Server(vnreform, db, prefix)
        try:
            u = s.url
            c.check("binds to 127.0.0.1", u.startswith("http://127.0.0.1:"), u)
            st, hd, body = h.request(u + "/")
            c.check("home 200", st == 200, st)
            c.check("home is HTML", hd.get("Content-Type", "").startswith("text/html"))
            st, hd, body = h.request(u + "/", method="HEAD")
            c.check("HEAD 200", st == 200, st)
            for m in ("POST", "PUT", "DELETE", "PATCH"):
                st, hd, body = h.request(u + "/search", method=m, data=b"x=1")
                c.check(m + " is 405", st == 405, st)
            st, _, body = h.request(u + "/search?q=ha+noi")
            text = body.decode()
            c.check("search 'ha noi' finds Hà Nội", "Hà Nội" in text)
            c.check("no script tag from the data", "<script>alert" not in text)
            st, _, body = h.request(u + "/search?limit=abc")
            c.check("bad limit 400", st == 400, st)
            st, _, body = h.request(u + "/search?limit=%FF")
            c.check("non-UTF-8 400", st == 400, st)
            st, _, body = h.request(u + "/search?limit=999999999999999999999")
            c.check("huge limit clamped", st == 200, st)
            st, _, body = h.request(u + "/article/123456789")
            c.check("unknown article 404", st == 404, st)
            st, _, body = h.request(u + "/article/%3Cscript%3E")
            c.check("script id 404", st == 404, st)
            c.check("404 page escapes the id", b"<script>" not in body)
            st, hd, body = h.request(u + "/search.json?" + urllib.parse.urlencode({"q": "noi"}))
            c.check("json 200", st == 200, st)
            data = json.loads(body)
            version = data.get("data_version", "")
            c.check("json has data_version", len(version) == 12, version)
            st, hd, body = h.request(u + "/search.csv?q=noi")
            c.check("csv starts with a BOM", body.startswith(b"\xef\xbb\xbf"))
            c.check("csv lines end CRLF", b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b""))
            c.check("csv carries the data version", version.encode() in body)
            st, _, body = h.request(u + "/static/chart.js")
            c.check("chart.js embedded", st == 200 and b"Chart.js v" in body[:400])
            c.check("read-only place: read as immutable", "read as immutable" in s.stderr(),
                    s.stderr())
        finally:
            code = s.stop()
        c.check("stops on SIGTERM with 0", code == 0, code)
        after = hashlib.sha256(open(db, "rb").read()).hexdigest()
        c.check("database unchanged", before == after)
        c.check("no file written beside it", sorted(os.listdir(ro)) == ["corpus.db"],
                os.listdir(ro))
    finally:
        subprocess.run(["chmod", "-R", "u+w", tmp])
        shutil.rmtree(tmp, ignore_errors=True)
    return c.finish()


if __name__ == "__main__":
    sys.exit(main())
