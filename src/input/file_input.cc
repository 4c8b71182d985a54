// InputReader: walks files and directories (std::filesystem) and yields one
// Document per .txt/.html file or JSONL line, streaming JSONL through
// LineReader (zstd_reader.cc) and JSON through json.h. ContentHash (FNV-1a).
// Tested by tests/input_test.cc.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>

#include "core/hash.h"
#include "input/input.h"
#include "input/zstd_reader.h"
#include "json/json.h"

namespace vnreform {

namespace fs = std::filesystem;

namespace {

enum class Kind { kUnknown, kText, kHtml, kJsonl, kJsonlZst, kOtherZst };

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Kind KindOf(const fs::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (EndsWith(name, ".jsonl.zst") || EndsWith(name, ".ndjson.zst"))
    return Kind::kJsonlZst;
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson")) return Kind::kJsonl;
  if (EndsWith(name, ".html") || EndsWith(name, ".htm")) return Kind::kHtml;
  if (EndsWith(name, ".txt")) return Kind::kText;
  if (EndsWith(name, ".zst")) return Kind::kOtherZst;
  return Kind::kUnknown;
}

// One file to read, or an error found while walking.
struct Entry {
  fs::path path;
  std::string key;
  Kind kind = Kind::kUnknown;
  Status error;
  uint64_t first_line = 0, end_line = 0, offset = 0;  // InputPiece's
};

// "64 MiB" for the message about an input over the limit.
std::string LimitText(size_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

void SetHash(Document* doc) {
  // The input date joins the hash only where there is one, so that inputs
  // without it keep the hashes they had.
  std::string meta = doc->title + "\x1f" + doc->published + "\x1f" + doc->url;
  if (!doc->input_date.empty()) meta += "\x1f" + doc->input_date;
  doc->content_hash = ContentHash(doc->body, meta);
}

// The walked directory: "corpus/" and "corpus" give the same keys.
fs::path DirectoryBase(const fs::path& root) {
  return root.has_filename() ? root : root.parent_path();
}

}  // namespace

struct InputReader::Impl {
  std::vector<std::string> roots;
  size_t next_root = 0;
  InputOptions options;
  std::deque<Entry> entries;          // files of the current root still to read
  std::unique_ptr<LineReader> lines;  // the JSONL file being read, if any
  Entry lines_entry;
  uint64_t line_no = 0;
  std::string line;
  uint64_t bytes_done = 0;  // of the files already closed
  std::string current_file;
  std::vector<char> buffer = std::vector<char>(64 << 10);

  void ExpandRoot(const std::string& root);
  void WalkDirectory(const fs::path& root);
  bool StartFile(const Entry& e, Document* doc);
  void ReadWholeFile(const Entry& e, Document* doc);
  Status ReadBounded(FILE* f, std::string* body);
  bool NextLine(Document* doc);
  void FillFromLine(Document* doc);
  void FailLine(Document* doc, uint64_t n, const Status& s);
  void CloseLines();
};

void InputReader::Impl::ExpandRoot(const std::string& root) {
  std::error_code ec;
  fs::path path(root);
  fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) {
    entries.push_back({path, root, Kind::kUnknown,
                       Status::NotFound("no such file or directory: " + root)});
  } else if (ec) {
    entries.push_back({path, root, Kind::kUnknown,
                       Status::IOError(root + ": cannot read: " + ec.message())});
  } else if (fs::is_directory(st)) {
    WalkDirectory(DirectoryBase(path));
  } else {
    // Named directly: the user chose it, so an unknown extension is read as
    // text (with a warning) instead of being skipped as in a directory.
    entries.push_back({path, path.filename().string(), KindOf(path), {}});
  }
}

// Collects the root's file names, then sorts them (fs::path compares element
// by element, so "a/z.txt" comes before "a.txt"): the order is reproducible.
// Unreadable subdirectories are skipped; contents are read later, lazily.
void InputReader::Impl::WalkDirectory(const fs::path& root) {
  std::vector<fs::path> found;
  std::error_code ec;
  // skip_permission_denied would make an unreadable root look empty.
  fs::directory_iterator probe(root, ec);
  fs::recursive_directory_iterator it;
  if (!ec) {
    it = fs::recursive_directory_iterator(
        root, fs::directory_options::skip_permission_denied, ec);
  }
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    Kind kind = KindOf(it->path());
    if (kind == Kind::kUnknown || kind == Kind::kOtherZst) continue;
    found.push_back(it->path().lexically_relative(root));
  }
  if (ec) {
    std::string where = root.string();
    entries.push_back({root, where, Kind::kUnknown,
                       Status::IOError(where + ": cannot read: " + ec.message())});
  }
  std::sort(found.begin(), found.end());
  for (const fs::path& rel : found)
    entries.push_back({root / rel, rel.generic_string(), KindOf(rel), {}});
}

// Returns true when *doc is filled: a whole file, or an error. A JSONL file
// is opened for NextLine instead.
bool InputReader::Impl::StartFile(const Entry& e, Document* doc) {
  std::string where = e.path.string();
  current_file = where;
  bool jsonl = e.kind == Kind::kJsonl || e.kind == Kind::kJsonlZst;
  Status s = e.error;
  if (s.ok() && jsonl) {
    auto reader = std::make_unique<LineReader>();
    s = reader->Open(where, e.kind == Kind::kJsonlZst, options.max_article_bytes,
                     e.end_line > 0 ? e.offset : 0);
    if (s.ok()) {
      lines = std::move(reader);
      lines_entry = e;
      line_no = e.end_line > 0 ? e.first_line - 1 : 0;
      return false;
    }
    s = Status(s.code(), where + ": " + s.message());
  } else if (s.ok() && e.kind == Kind::kOtherZst) {
    s = Status::InvalidArgument(where + ": only .jsonl.zst is read compressed");
  }
  doc->key = e.key;
  doc->source = where;
  if (s.ok()) {
    ReadWholeFile(e, doc);
  } else {
    doc->Fail("input", s);
  }
  return true;
}

void InputReader::Impl::ReadWholeFile(const Entry& e, Document* doc) {
  const std::string& where = doc->source;
  if (e.kind == Kind::kUnknown)
    doc->Warn("input", where + ": unknown extension, read as text");
  doc->is_html = e.kind == Kind::kHtml;
  std::error_code ec;
  uintmax_t size = fs::file_size(e.path, ec);  // fails for pipes: fine
  if (!ec && size > options.max_article_bytes) {
    doc->Fail("input",
              Status::InvalidArgument(where + ": file is larger than the " +
                                      LimitText(options.max_article_bytes) + " limit"));
    return;
  }
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(where.c_str(), "rb"), &std::fclose);
  if (!f) {
    doc->Fail("input", Status::IOError(where + ": cannot read: " + std::strerror(errno)));
    return;
  }
  if (!ec) doc->body.reserve(size);
  Status s = ReadBounded(f.get(), &doc->body);
  if (s.ok() && doc->body.empty()) s = Status::Parse("empty file");
  if (!s.ok()) {
    doc->body.clear();
    doc->Fail("input", Status(s.code(), where + ": " + s.message()));
    return;
  }
  SetHash(doc);
}

Status InputReader::Impl::ReadBounded(FILE* f, std::string* body) {
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) {
    bytes_done += n;
    if (body->size() + n > options.max_article_bytes) {
      return Status::InvalidArgument("file is larger than the " +
                                     LimitText(options.max_article_bytes) + " limit");
    }
    body->append(buffer.data(), n);
  }
  if (std::ferror(f))
    return Status::IOError(std::string("cannot read: ") + std::strerror(errno));
  return Status::Ok();
}

// Returns true when *doc is filled; false when the file has ended.
bool InputReader::Impl::NextLine(Document* doc) {
  while (true) {
    if (lines_entry.end_line > 0 && line_no + 1 >= lines_entry.end_line) {
      CloseLines();  // the end of the piece's lines
      return false;
    }
    Status error;
    if (!lines->ReadLine(&line, &error)) {
      uint64_t failed_line = line_no + 1;
      CloseLines();
      if (error.ok()) return false;
      FailLine(doc, failed_line, error);
      return true;
    }
    ++line_no;
    if (IsBlank(line)) continue;
    FillFromLine(doc);
    return true;
  }
}

void InputReader::Impl::FillFromLine(Document* doc) {
  if (line.size() > options.max_article_bytes) {
    FailLine(doc, line_no,
             Status::InvalidArgument("line is larger than the " +
                                     LimitText(options.max_article_bytes) + " limit"));
    return;
  }
  JsonArticle a;
  Status s = ParseJsonArticle(line, &a);
  if (!s.ok()) {
    FailLine(doc, line_no, s);
    return;
  }
  doc->key = a.id.empty() ? a.url : std::move(a.id);
  doc->source = lines_entry.path.string() + ":" + std::to_string(line_no);
  doc->url = std::move(a.url);
  doc->title = std::move(a.title);
  doc->published = std::move(a.published);
  doc->input_date = std::move(a.input_date);
  doc->body = std::move(a.body);
  doc->is_html = a.has_html;
  SetHash(doc);
}

// A line that failed has no id yet: it is keyed "FILEKEY:LINE".
void InputReader::Impl::FailLine(Document* doc, uint64_t n, const Status& s) {
  std::string suffix = ":" + std::to_string(n);
  doc->key = lines_entry.key + suffix;
  doc->source = lines_entry.path.string() + suffix;
  doc->Fail("input", Status(s.code(), doc->source + ": " + s.message()));
}

void InputReader::Impl::CloseLines() {
  bytes_done += lines->bytes_read();
  lines.reset();
}

InputReader::InputReader(std::vector<std::string> paths, InputOptions options)
    : impl_(new Impl) {
  impl_->roots = std::move(paths);
  impl_->options = options;
}

InputReader::InputReader(std::vector<InputPiece> pieces, InputOptions options)
    : impl_(new Impl) {
  impl_->options = options;
  for (InputPiece& p : pieces) {
    fs::path path(p.path);
    Entry e{path, std::move(p.key), KindOf(path), {}, 0, 0, 0};
    if (p.end_line > 0 && (e.kind == Kind::kJsonl || e.kind == Kind::kJsonlZst)) {
      e.first_line = p.first_line;
      e.end_line = p.end_line;
      e.offset = p.offset;
    }
    impl_->entries.push_back(std::move(e));
  }
}

InputReader::~InputReader() = default;

bool InputReader::Next(Document* doc) {
  *doc = Document();
  Impl& m = *impl_;
  while (true) {
    if (m.lines) {
      if (m.NextLine(doc)) return true;
    } else if (!m.entries.empty()) {
      Entry e = std::move(m.entries.front());
      m.entries.pop_front();
      if (m.StartFile(e, doc)) return true;
    } else if (m.next_root < m.roots.size()) {
      m.ExpandRoot(m.roots[m.next_root++]);
    } else {
      return false;
    }
  }
}

uint64_t InputReader::bytes_read() const {
  return impl_->bytes_done + (impl_->lines ? impl_->lines->bytes_read() : 0);
}

const std::string& InputReader::current_file() const { return impl_->current_file; }

// Walks as ExpandRoot and WalkDirectory do, without sorting.
uint64_t InputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& root : paths) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
      const uintmax_t n = fs::file_size(root, ec);
      if (!ec) total += n;
      continue;
    }
    fs::recursive_directory_iterator it(
        root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code file_ec;
      const Kind kind = KindOf(it->path());
      if (kind == Kind::kUnknown || kind == Kind::kOtherZst ||
          !it->is_regular_file(file_ec))
        continue;
      const uintmax_t n = it->file_size(file_ec);
      if (!file_ec) total += n;
    }
  }
  return total;
}

Status ListInputs(const std::vector<std::string>& paths, std::vector<InputPiece>* out) {
  out->clear();
  InputReader::Impl walk;
  for (const std::string& root : paths) {
    walk.ExpandRoot(root);
    for (Entry& e : walk.entries) {
      if (!e.error.ok()) return e.error;
      std::error_code ec;
      const uintmax_t size = fs::file_size(e.path, ec);
      if (ec) return Status::IOError(e.path.string() + ": cannot read: " + ec.message());
      out->push_back(InputPiece{e.path.string(), std::move(e.key), size, size, 0, 0, 0});
    }
    walk.entries.clear();
  }
  return Status::Ok();
}

bool IsJsonl(const std::string& path, bool* zstd) {
  const Kind kind = KindOf(fs::path(path));
  *zstd = kind == Kind::kJsonlZst;
  return kind == Kind::kJsonl || kind == Kind::kJsonlZst;
}

Status ScanLines(const std::string& path, bool zstd,
                 const std::function<void(uint64_t, uint64_t, uint64_t)>& fn) {
  LineReader reader;
  Status s = reader.Open(path, zstd, 0);  // keeps one byte of each line
  std::string line;
  uint64_t n = 0, offset = 0;
  while (s.ok() && reader.ReadLine(&line, &s)) {
    fn(++n, offset, reader.offset() - offset);
    offset = reader.offset();
  }
  if (!s.ok()) return Status(s.code(), path + ": " + s.message());
  return Status::Ok();
}

std::string ContentHash(std::string_view a, std::string_view b) {
  // 0xff never occurs in UTF-8, so ("ab","c") and ("a","bc") differ.
  return Fnv64().Add(a).Add("\xff").Add(b).Hex();
}

}  // namespace vnreform
