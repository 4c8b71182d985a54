"""Shared by the serve tests: a test database built from corpus/ (run, then
facts when the binary has it), `vnreform serve` started on a free port and
stopped, and HTTP GETs with the standard library only."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request


def build_db(vnreform, corpus, workdir, name="corpus.db"):
    """Runs the pipeline over corpus/ (and `facts` when it exists) into workdir/name."""
    db = os.path.join(workdir, name)
    subprocess.run([vnreform, "run", corpus, "--db", db, "--quiet"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if has_command(vnreform, "facts"):
        subprocess.run([vnreform, "facts", "--db", db], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return db


def has_command(vnreform, command):
    return subprocess.run([vnreform, command, "--help"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


class Server:
    """`vnreform serve --db DB --port 0` (optionally as another user); .url once listening."""

    def __init__(self, vnreform, db, prefix=(), extra=()):
        cmd = list(prefix) + [vnreform, "serve", "--db", db, "--port", "0"] + list(extra)
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.proc.stdout.readline()
        if "listening on " not in line:
            self.stop()
            self.err.seek(0)
            raise RuntimeError("serve did not start: %r %s" % (line, self.err.read().decode()))
        self.url = line.split("listening on ")[1].split()[0].rstrip("/")

    def stderr(self):
        self.err.seek(0)
        return self.err.read().decode("utf-8", "replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def request(url, method="GET", data=None):
    """(status, headers, body bytes) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(url, method=method, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class Checks:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: %s %s" % (name, detail))

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0
