// Tests for src/input: the directory walk, .txt/.html/.jsonl/.jsonl.zst
// reading, failed Documents for bad inputs, and ContentHash.
#include "input/input.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "input/zstd_reader.h"

namespace vnreform {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            ("vnreform_input_test_" + std::to_string(getpid()) + "_" +
             std::to_string(now) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  // Writes `content` to `rel` (creating directories) and returns its path.
  std::string Write(const std::string& rel, const std::string& content) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string Path(const std::string& rel) const { return (path_ / rel).string(); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

std::vector<Document> ReadAll(std::vector<std::string> paths, InputOptions options = {}) {
  InputReader reader(std::move(paths), options);
  std::vector<Document> docs;
  Document doc;
  while (reader.Next(&doc)) docs.push_back(doc);
  return docs;
}

std::string Compressed(const TempDir& dir, const std::string& rel,
                       const std::string& content) {
  std::string plain = dir.Write(rel + ".plain", content);
  std::string out = dir.Path(rel);
  REQUIRE(ZstdCompressFile(plain, out).ok());
  fs::remove(plain);
  return out;
}

const char kJsonl[] =
    R"({"id": "a1", "url": "https://x.vn/1", "title": "Tiêu đề", "published": "2021-01-02", "text": "Cải cách hành chính"})"
    "\n"
    "   \n"
    R"({"id": "a2", "text": )"
    "\n"
    R"({"id": "a3", "title": "no body"})"
    "\n"
    "\n"
    R"({"url": "https://x.vn/5", "html": "<p>Thủ tục</p>"})"
    "\r\n"
    R"({"id": 6, "text": "last line, no newline", "published": null, "first_committed_at": "2017-05-08T17:13:39+07:00"})";

// Checks the documents read from kJsonl stored at `path`.
void CheckJsonlDocs(const std::vector<Document>& docs, const std::string& path,
                    const std::string& key) {
  REQUIRE(docs.size() == 5);
  CHECK(docs[0].ok());
  CHECK(docs[0].key == "a1");
  CHECK(docs[0].source == path + ":1");
  CHECK(docs[0].url == "https://x.vn/1");
  CHECK(docs[0].title == "Tiêu đề");
  CHECK(docs[0].published == "2021-01-02");
  CHECK(docs[0].body == "Cải cách hành chính");
  CHECK_FALSE(docs[0].is_html);
  CHECK(docs[0].content_hash == ContentHash("Cải cách hành chính",
                                            "Tiêu đề\x1f"
                                            "2021-01-02\x1f"
                                            "https://x.vn/1"));

  CHECK(docs[1].status.code() == Status::kParse);
  CHECK(docs[1].failed_stage == "input");
  CHECK(docs[1].status.message() == path + ":3: not JSON: syntax error at byte 22");
  CHECK(docs[1].key == key + ":3");

  CHECK(docs[2].status.message() == path + ":4: no \"text\" or \"html\" string");

  CHECK(docs[3].ok());
  CHECK(docs[3].key == "https://x.vn/5");
  CHECK(docs[3].source == path + ":6");
  CHECK(docs[3].is_html);
  CHECK(docs[3].body == "<p>Thủ tục</p>");

  CHECK(docs[4].ok());
  CHECK(docs[4].key == "6");
  CHECK(docs[4].body == "last line, no newline");
  // issue 14: the input's own date, part of what the hash covers.
  CHECK(docs[4].input_date == "2017-05-08T17:13:39+07:00");
  CHECK(docs[4].content_hash == ContentHash("last line, no newline",
                                            "\x1f\x1f\x1f"
                                            "2017-05-08T17:13:39+07:00"));
  CHECK(docs[0].input_date.empty());
}

TEST_CASE("directory walk: sorted order, relative keys, known extensions", "[input]") {
  TempDir dir;
  dir.Write("root/b.txt", "bee");
  dir.Write("root/a.txt", "ay");
  dir.Write("root/a.html", "<p>html</p>");
  dir.Write("root/a/z.txt", "zed");
  dir.Write("root/sub/deeper/c.htm", "<b>c</b>");
  dir.Write("root/D.TXT", "upper");
  dir.Write("root/skip.pdf", "%PDF");
  dir.Write("root/skip.txt.zst", "xx");
  dir.Write("root/noext", "x");

  std::vector<Document> docs = ReadAll({dir.Path("root/")});
  std::vector<std::string> keys;
  for (const Document& d : docs) {
    CHECK(d.ok());
    keys.push_back(d.key);
  }
  // fs::path order compares element by element: "a/z.txt" < "a.html".
  CHECK(keys == std::vector<std::string>{"D.TXT", "a/z.txt", "a.html", "a.txt", "b.txt",
                                         "sub/deeper/c.htm"});
  REQUIRE(docs.size() == 6);
  CHECK(docs[0].body == "upper");
  CHECK(docs[1].source == (fs::path(dir.Path("root")) / "a" / "z.txt").string());
  CHECK(docs[2].is_html);
  CHECK_FALSE(docs[3].is_html);
  CHECK(docs[5].is_html);
  CHECK(docs[5].body == "<b>c</b>");
  CHECK(docs[4].content_hash == ContentHash("bee", "\x1f\x1f"));

  // Without the trailing slash: same keys.
  std::vector<Document> again = ReadAll({dir.Path("root")});
  REQUIRE(again.size() == docs.size());
  for (size_t i = 0; i < docs.size(); ++i) CHECK(again[i].key == docs[i].key);
}

TEST_CASE("issue 6: InputBytes is what the reader reads; current_file", "[input]") {
  TempDir dir;
  dir.Write("root/a.txt", "ay");
  const std::string b = dir.Write("root/sub/b.jsonl",
                                  "{\"id\":\"b1\",\"text\":\"x\"}\n"
                                  "{\"id\":\"b2\",\"text\":\"y\"}\n");
  dir.Write("root/skip.pdf", "%PDF");
  const std::string c = Compressed(dir, "c.jsonl.zst", "{\"id\":\"c\",\"text\":\"z\"}\n");
  const std::vector<std::string> paths = {dir.Path("root"), c, dir.Path("missing.txt")};
  const uint64_t total = InputBytes(paths);
  InputReader reader(paths);
  Document doc;
  std::vector<std::string> files;
  while (reader.Next(&doc)) files.push_back(fs::path(reader.current_file()).filename());
  CHECK(files == std::vector<std::string>{"a.txt", "b.jsonl", "b.jsonl", "c.jsonl.zst",
                                          "missing.txt"});
  CHECK(total == 2 + fs::file_size(b) + fs::file_size(c));
  CHECK(reader.bytes_read() == total);
}

TEST_CASE("files named directly are keyed by their name", "[input]") {
  TempDir dir;
  std::string txt = dir.Write("x/article.txt", "Nội dung");
  std::string other = dir.Write("x/notes.md", "# ghi chú");
  InputReader reader({txt, other});
  Document doc;
  REQUIRE(reader.Next(&doc));
  CHECK(doc.ok());
  CHECK(doc.key == "article.txt");
  CHECK(doc.source == txt);
  CHECK(doc.body == "Nội dung");
  CHECK(doc.issues.empty());
  CHECK(reader.bytes_read() == std::string("Nội dung").size());
  // An unknown extension named directly is read as text, with a warning.
  REQUIRE(reader.Next(&doc));
  CHECK(doc.ok());
  CHECK(doc.key == "notes.md");
  CHECK(doc.body == "# ghi chú");
  REQUIRE(doc.issues.size() == 1);
  CHECK(doc.issues[0].severity == Issue::kWarning);
  CHECK_FALSE(reader.Next(&doc));
}

TEST_CASE("content hash does not depend on the key", "[input]") {
  TempDir dir;
  std::vector<Document> docs =
      ReadAll({dir.Write("one.txt", "same"), dir.Write("two.txt", "same"),
               dir.Write("three.txt", "other")});
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].content_hash == docs[1].content_hash);
  CHECK(docs[0].content_hash != docs[2].content_hash);
}

TEST_CASE("JSONL: bad lines fail with file:line, later lines still read", "[input]") {
  TempDir dir;
  std::string path = dir.Write("in/a.jsonl", kJsonl);
  CheckJsonlDocs(ReadAll({path}), path, "a.jsonl");
  // In a directory the failed lines are keyed by the relative path.
  CheckJsonlDocs(ReadAll({dir.Path("in")}), path, "a.jsonl");
  // .ndjson and upper case extensions are JSONL too.
  std::string nd = dir.Write("b.NDJSON", kJsonl);
  CheckJsonlDocs(ReadAll({nd}), nd, "b.NDJSON");
}

TEST_CASE("JSONL.zst: same documents as plain, several frames", "[input]") {
  TempDir dir;
  std::string path = Compressed(dir, "a.jsonl.zst", kJsonl);
  CheckJsonlDocs(ReadAll({path}), path, "a.jsonl.zst");

  // Two frames back to back: the reader goes on into the second one.
  std::string first = Compressed(dir, "1.zst", "{\"id\":\"f1\",\"text\":\"x\"}\n");
  std::string second = Compressed(dir, "2.zst", "{\"id\":\"f2\",\"text\":\"y\"}");
  std::string both = dir.Path("both.jsonl.zst");
  {
    std::ofstream out(both, std::ios::binary);
    out << std::ifstream(first, std::ios::binary).rdbuf();
    out << std::ifstream(second, std::ios::binary).rdbuf();
  }
  InputReader reader({both});
  Document doc;
  REQUIRE(reader.Next(&doc));
  CHECK(doc.key == "f1");
  REQUIRE(reader.Next(&doc));
  CHECK(doc.key == "f2");
  CHECK(doc.ok());
  CHECK_FALSE(reader.Next(&doc));
  CHECK(reader.bytes_read() == fs::file_size(both));
}

TEST_CASE("JSONL.zst: truncated or corrupt data fails without a crash", "[input]") {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 20000; ++i)
    lines += "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"Văn bản số " +
             std::to_string(i * 7919) + "\"}\n";
  std::string path = Compressed(dir, "t.jsonl.zst", lines);
  fs::resize_file(path, fs::file_size(path) / 2);

  std::vector<Document> docs = ReadAll({path});
  REQUIRE(docs.size() > 1);
  REQUIRE(docs.size() < 20000);
  for (size_t i = 0; i + 1 < docs.size(); ++i) CHECK(docs[i].ok());
  const Document& last = docs.back();
  CHECK_FALSE(last.ok());
  CHECK(last.status.message() ==
        path + ":" + std::to_string(docs.size()) + ": truncated zstd data");

  std::string garbage = dir.Write("g.jsonl.zst", "{\"id\":\"1\",\"text\":\"t\"}\n");
  docs = ReadAll({garbage});
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].status.message() ==
        garbage + ":1: corrupt zstd data: Unknown frame descriptor");
}

TEST_CASE("an empty file fails; an empty JSONL file yields nothing", "[input]") {
  TempDir dir;
  std::string txt = dir.Write("empty.txt", "");
  std::vector<Document> docs =
      ReadAll({txt, dir.Write("e.jsonl", ""), Compressed(dir, "e.jsonl.zst", "")});
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].status.message() == txt + ": empty file");
  CHECK(docs[0].key == "empty.txt");
  CHECK(docs[0].body.empty());
}

TEST_CASE("a path that does not exist fails, the next one is read", "[input]") {
  TempDir dir;
  std::string missing = dir.Path("nope/missing.txt");
  std::vector<Document> docs = ReadAll({missing, dir.Write("ok.txt", "ok")});
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].status.code() == Status::kNotFound);
  CHECK(docs[0].status.message() == "no such file or directory: " + missing);
  CHECK(docs[0].source == missing);
  CHECK(docs[1].ok());
}

TEST_CASE("an unreadable file or directory fails with the reason", "[input]") {
  TempDir dir;
  std::string txt = dir.Write("locked.txt", "secret");
  std::string jsonl = dir.Write("locked.jsonl", "{\"id\":\"1\",\"text\":\"t\"}");
  dir.Write("lockdir/inside.txt", "x");
  std::string lockdir = dir.Path("lockdir");
  for (const std::string& p : {txt, jsonl, lockdir}) fs::permissions(p, fs::perms::none);
  if (access(txt.c_str(), R_OK) == 0) {
    WARN("running as root: chmod 000 does not stop reading; check skipped");
    return;
  }
  std::vector<Document> docs = ReadAll({txt, jsonl, lockdir});
  fs::permissions(lockdir, fs::perms::owner_all);  // so that it can be removed
  REQUIRE(docs.size() == 3);
  CHECK(docs[0].status.code() == Status::kIOError);
  CHECK(docs[0].status.message() == txt + ": cannot read: Permission denied");
  CHECK(docs[1].status.message() == jsonl + ": cannot read: Permission denied");
  CHECK(docs[2].status.message() == lockdir + ": cannot read: Permission denied");
}

TEST_CASE("inputs over max_article_bytes fail with the limit", "[input]") {
  TempDir dir;
  InputOptions options;
  options.max_article_bytes = 30;
  std::string big = dir.Write("big.txt", std::string(31, 'x'));
  std::string fits = dir.Write("fits.txt", std::string(30, 'x'));
  std::string jsonl =
      dir.Write("l.jsonl",
                "{\"id\":\"1\",\"text\":\"short\"}\n"
                "{\"id\":\"2\",\"text\":\"much longer than thirty bytes\"}\n"
                "{\"id\":\"3\",\"text\":\"ok\"}\n");
  std::vector<Document> docs = ReadAll({big, fits, jsonl}, options);
  REQUIRE(docs.size() == 5);
  CHECK(docs[0].status.message() == big + ": file is larger than the 30 bytes limit");
  CHECK(docs[1].ok());
  CHECK(docs[2].ok());
  CHECK(docs[3].status.message() == jsonl + ":2: line is larger than the 30 bytes limit");
  CHECK(docs[4].ok());
  CHECK(docs[4].key == "3");
  CHECK(InputOptions().max_article_bytes == 16u << 20);
}

// Pinned once; checked against an independent FNV-1a in Python.
TEST_CASE("ContentHash is FNV-1a 64 and stable", "[input]") {
  CHECK(ContentHash("", "") == ContentHash(""));
  CHECK(ContentHash("a", "") == "089bc907b544c769");
  CHECK(ContentHash("Cải cách hành chính", "Tiêu đề\x1f\x1f") == "96a77276d9e6f93d");
  CHECK(ContentHash("ab", "c") != ContentHash("a", "bc"));
}

TEST_CASE("reads the whole Dân trí corpus", "[input]") {
  const char kPath[] = "/work/shared/corpus/dantri_2020_2021_underthesea_unc.jsonl.zst";
  if (!fs::exists(kPath)) {
    WARN(std::string(kPath) + " is missing; skipped");
    return;
  }
  InputReader reader({kPath});
  Document doc;
  int ok = 0, failed = 0;
  while (reader.Next(&doc)) {
    if (doc.ok())
      ++ok;
    else
      ++failed;
  }
  CHECK(ok == 2653);
  CHECK(failed == 0);
  CHECK(reader.bytes_read() == fs::file_size(kPath));
}

// Issue 18: a shard reads a file's line range under the keys and sources
// the whole read gives those lines.
TEST_CASE("pieces read line ranges as the whole read does", "[input]") {
  TempDir dir;
  std::string text;
  for (int i = 1; i <= 9; ++i)
    text += i == 5 ? "\n" : "{\"id\":\"l" + std::to_string(i) + "\",\"text\":\"t\"}\n";
  for (bool zstd : {false, true}) {
    const std::string path =
        zstd ? Compressed(dir, "in/a.jsonl.zst", text) : dir.Write("in/a.jsonl", text);
    std::vector<InputPiece> files;
    REQUIRE(ListInputs({dir.Path("in")}, &files).ok());
    REQUIRE(files.size() == 1);
    const InputPiece file = files.back();
    CHECK(file.path == path);
    std::vector<uint64_t> offsets;
    REQUIRE(ScanLines(path, zstd, [&](uint64_t n, uint64_t at, uint64_t bytes) {
              CHECK(n == offsets.size() + 1);
              offsets.push_back(at);
              CHECK(bytes == (n == 5 ? 1u : 23u));
            }).ok());
    REQUIRE(offsets.size() == 9);
    std::vector<Document> whole = ReadAll({path});
    // Lines [4, 8): l4, the blank line 5 (skipped), l6, l7.
    InputPiece piece = file;
    piece.first_line = 4;
    piece.end_line = 8;
    piece.offset = offsets[3];
    InputReader reader(std::vector<InputPiece>{piece});
    std::vector<Document> docs;
    for (Document d; reader.Next(&d);) docs.push_back(d);
    REQUIRE(docs.size() == 3);
    CHECK(docs[0].key == "l4");
    CHECK(docs[0].source == whole[3].source);
    CHECK(docs[0].content_hash == whole[3].content_hash);
    CHECK(docs[2].key == "l7");
    CHECK(docs[2].source == path + ":7");
    fs::remove(path);
  }
}

TEST_CASE("ListInputs fails on a missing input", "[input]") {
  TempDir dir;
  std::vector<InputPiece> files;
  Status s = ListInputs({dir.Path("nope")}, &files);
  CHECK(!s.ok());
  CHECK(s.message().find("nope") != std::string::npos);
}

}  // namespace
}  // namespace vnreform
