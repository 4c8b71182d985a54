// Frontier over the store's SQLite connection (sqlite_db.h): the crawl
// queue in table `pages` and the robots.txt cache in `robots`.
// Tested by tests/fetch_test.cc.
#include "store/frontier.h"

#include "store/sqlite_db.h"

namespace vnreform {

Status Frontier::EnqueuePage(const std::string& url, const std::string& host,
                             const std::string& kind, const std::string& source,
                             bool requeue, bool* added) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("INSERT INTO pages(url, host, kind, source) VALUES(?1, ?2, ?3, ?4)"
                  " ON CONFLICT(url) DO NOTHING",
                  &s));
  s.Bind(1, url);
  s.Bind(2, host);
  s.Bind(3, kind);
  s.BindOrNull(4, source);
  if (s.Step() != Statement::kDone) return db->Error("enqueue " + url);
  *added = db->Changes() > 0;
  if (*added || !requeue) return Status::Ok();
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      "UPDATE pages SET state = 'queued', attempts = 0, next_attempt_at = 0, error = NULL"
      " WHERE url = ?1 AND state != 'queued'",
      &s));
  s.Bind(1, url);
  if (s.Step() != Statement::kDone) return db->Error("requeue " + url);
  return Status::Ok();
}

Status Frontier::TakeDuePages(double now, int64_t after_id, int limit,
                              std::vector<FrontierEntry>* out) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("SELECT id, url, host, kind, etag, last_modified, attempts FROM pages"
                  " WHERE state = 'queued' AND next_attempt_at <= ?1 AND id > ?2"
                  " ORDER BY id LIMIT ?3",
                  &s));
  s.BindDouble(1, now);
  s.BindInt(2, after_id);
  s.BindInt(3, limit);
  Statement::StepResult rc;
  while ((rc = s.Step()) == Statement::kRow) {
    FrontierEntry e;
    e.id = s.Int(0);
    e.url = s.Text(1);
    e.host = s.Text(2);
    e.kind = s.Text(3);
    e.etag = s.Text(4);
    e.last_modified = s.Text(5);
    e.attempts = static_cast<int>(s.Int(6));
    out->push_back(std::move(e));
  }
  if (rc != Statement::kDone) return db->Error("read frontier");
  return Status::Ok();
}

Status Frontier::QueuedPages(double* earliest, int64_t* count) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      "SELECT min(next_attempt_at), count(*) FROM pages WHERE state = 'queued'", &s));
  if (s.Step() != Statement::kRow) return db->Error("read frontier");
  *earliest = s.Double(0);
  *count = s.Int(1);
  s.Reset();
  return Status::Ok();
}

Status Frontier::RecordFetch(int64_t id, const PageFetch& f) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  if (f.keep_body) {
    VNREFORM_RETURN_IF_ERROR(db->Prepare(
        "UPDATE pages SET state = ?2, fetched_at = ?3, attempts = ?4, error = NULL"
        " WHERE id = ?1",
        &s));
    s.BindInt(1, id);
    s.Bind(2, f.state);
    s.Bind(3, NowUtc());
    s.BindInt(4, f.attempts);
  } else {
    VNREFORM_RETURN_IF_ERROR(db->Prepare(
        "UPDATE pages SET state = ?2, status = ?3, final_url = ?4, headers = ?5,"
        " body_zstd = ?6, content_type = ?7, charset = ?8, etag = ?9, last_modified = "
        "?10,"
        " fetched_at = ?11, attempts = ?12, error = ?13, next_attempt_at = ?14,"
        " processed = ?15 WHERE id = ?1",
        &s));
    s.BindInt(1, id);
    s.Bind(2, f.state);
    if (f.http_status) s.BindInt(3, f.http_status);
    s.BindOrNull(4, f.final_url);
    s.BindOrNull(5, f.headers);
    if (f.state == "done") s.BindBlob(6, f.body_zstd);
    s.BindOrNull(7, f.content_type);
    s.BindOrNull(8, f.charset);
    s.BindOrNull(9, f.etag);
    s.BindOrNull(10, f.last_modified);
    s.Bind(11, NowUtc());
    s.BindInt(12, f.attempts);
    s.BindOrNull(13, f.error);
    s.BindDouble(14, f.next_attempt_at);
    s.BindInt(15, f.processed ? 1 : 0);
  }
  if (s.Step() != Statement::kDone) return db->Error("record fetch");
  return Status::Ok();
}

namespace {

constexpr const char kStoredPageColumns[] =
    "SELECT id, url, final_url, content_type, charset, body_zstd, fetched_at, status"
    " FROM pages ";

StoredPage ReadStoredPage(const Statement& s) {
  StoredPage p;
  p.id = s.Int(0);
  p.url = s.Text(1);
  p.final_url = s.Text(2);
  p.content_type = s.Text(3);
  p.charset = s.Text(4);
  p.body_zstd = s.Blob(5);
  p.fetched_at = s.Text(6);
  p.http_status = static_cast<int>(s.Int(7));
  return p;
}

}  // namespace

Status Frontier::UnprocessedPages(int limit, std::vector<StoredPage>* out) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      std::string(kStoredPageColumns) +
          "WHERE state = 'done' AND processed = 0 AND kind = 'page' ORDER BY id LIMIT ?1",
      &s));
  s.BindInt(1, limit);
  Statement::StepResult rc;
  while ((rc = s.Step()) == Statement::kRow) out->push_back(ReadStoredPage(s));
  if (rc != Statement::kDone) return db->Error("read pages");
  return Status::Ok();
}

Status Frontier::GetPage(const std::string& url, StoredPage* out) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      std::string(kStoredPageColumns) + "WHERE url = ?1 AND state = 'done'", &s));
  s.Bind(1, url);
  const Statement::StepResult rc = s.Step();
  if (rc == Statement::kDone) return Status::NotFound(url + ": not fetched");
  if (rc != Statement::kRow) return db->Error("read page " + url);
  *out = ReadStoredPage(s);
  s.Reset();
  return Status::Ok();
}

Status Frontier::MarkProcessed(int64_t id) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("UPDATE pages SET processed = 1 WHERE id = ?1", &s));
  s.BindInt(1, id);
  if (s.Step() != Statement::kDone) return db->Error("mark processed");
  return Status::Ok();
}

Status Frontier::GetRobots(const std::string& host, bool* found, int* status,
                           std::string* body, double* fetched_at) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("SELECT status, body, fetched_at FROM robots WHERE host = ?1", &s));
  s.Bind(1, host);
  const Statement::StepResult rc = s.Step();
  if (rc == Statement::kError) return db->Error("read robots " + host);
  *found = rc == Statement::kRow;
  if (*found) {
    *status = static_cast<int>(s.Int(0));
    *body = s.Text(1);
    *fetched_at = s.Double(2);
  }
  s.Reset();
  return Status::Ok();
}

Status Frontier::PutRobots(const std::string& host, int status, const std::string& body,
                           double fetched_at) {
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      "INSERT OR REPLACE INTO robots(host, status, body, fetched_at) VALUES(?1,?2,?3,?4)",
      &s));
  s.Bind(1, host);
  s.BindInt(2, status);
  s.Bind(3, body);
  s.BindDouble(4, fetched_at);
  if (s.Step() != Statement::kDone) return db->Error("store robots " + host);
  return Status::Ok();
}

Status Frontier::GetStats(FetchStats* out) {
  *out = FetchStats();
  Store::Impl* db = store_->impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      "SELECT count(*) FILTER (WHERE kind = 'page' AND state = 'done'),"
      " count(*) FILTER (WHERE kind = 'page' AND state = 'failed'),"
      " count(*) FILTER (WHERE state = 'queued'), count(DISTINCT host) FROM pages",
      &s));
  if (s.Step() != Statement::kRow) return db->Error("fetch stats");
  out->pages = s.Int(0);
  out->pages_failed = s.Int(1);
  out->queued = s.Int(2);
  out->hosts = s.Int(3);
  s.Reset();
  return Status::Ok();
}

}  // namespace vnreform
