// Parts of a sharded run over the store's SQLite connection (sqlite_db.h):
// a part names itself in table shard_parts (SealPart), and MergePart copies
// a part into a merged database through natural keys, one transaction a
// part. Tested by tests/store_test.cc and tests/shard_test.sh.
#include <string>
#include <vector>

#include "core/hash.h"
#include "store/sqlite_db.h"

namespace vnreform {

// Helpers over the connection (a friend of Store).
struct PartSql {
  using Db = Store::Impl;
  static Status Columns(Db* db, const std::string& table, std::vector<std::string>* out);
  static Status CopySql(Db* db, const std::string& table, const std::string& alias,
                        const std::vector<std::pair<std::string, std::string>>& exprs,
                        const std::vector<std::string>& skip,
                        const std::string& from_rest, std::string* sql);
  static Status Count(Db* db, const std::string& sql, int64_t* n);
};

namespace {

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

// `text` as an SQL string literal.
std::string Sql(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

// The columns of `table` in the main database, in their order.
Status PartSql::Columns(Db* db, const std::string& table, std::vector<std::string>* out) {
  out->clear();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid", &s));
  s.Bind(1, table);
  Statement::StepResult rc;
  while ((rc = s.Step()) == Statement::kRow) out->push_back(s.Text(0));
  if (rc != Statement::kDone || out->empty()) return db->Error("columns of " + table);
  return Status::Ok();
}

// "INSERT INTO main.T (c...) SELECT e... FROM <from> <rest>" where e is
// `alias`.c, or the expression `exprs` gives for c; columns in `skip` are
// left out.
Status PartSql::CopySql(Db* db, const std::string& table, const std::string& alias,
                        const std::vector<std::pair<std::string, std::string>>& exprs,
                        const std::vector<std::string>& skip,
                        const std::string& from_rest, std::string* sql) {
  std::vector<std::string> cols;
  VNREFORM_RETURN_IF_ERROR(Columns(db, table, &cols));
  std::string names, values;
  for (const std::string& c : cols) {
    bool skipped = false;
    for (const std::string& k : skip) skipped = skipped || k == c;
    if (skipped) continue;
    std::string value = alias + "." + Quoted(c);
    for (const auto& [name, expr] : exprs)
      if (name == c) value = expr;
    names += (names.empty() ? "" : ", ") + Quoted(c);
    values += (values.empty() ? "" : ", ") + value;
  }
  *sql = "INSERT INTO main." + table + " (" + names + ") SELECT " + values + " FROM " +
         from_rest;
  return Status::Ok();
}

Status PartSql::Count(Db* db, const std::string& sql, int64_t* n) {
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db->Prepare(sql, &s));
  if (s.Step() != Statement::kRow) return db->Error("count");
  *n = s.Int(0);
  s.Reset();
  return Status::Ok();
}

Status Store::SealPart(PartInfo* info) {
  Impl* db = impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("SELECT a.key, a.content_hash, a.ruleset,"
                  " (SELECT count(*) FROM records r WHERE r.article_id = a.id)"
                  " FROM articles a ORDER BY a.key",
                  &s));
  Fnv64 digest;
  info->articles = info->records = 0;
  Statement::StepResult rc;
  while ((rc = s.Step()) == Statement::kRow) {
    const int64_t records = s.Int(3);
    digest.Add(s.Text(0)).Add("\x1f").Add(s.Text(1)).Add("\x1f").Add(s.Text(2));
    digest.Add("\x1f").Add(std::to_string(records)).Add("\n");
    ++info->articles;
    info->records += records;
  }
  if (rc != Statement::kDone) return db->Error("read the part's articles");
  info->digest = digest.Hex();
  info->merged_at.clear();
  VNREFORM_RETURN_IF_ERROR(db->Prepare(
      "INSERT OR REPLACE INTO shard_parts(plan, shard, shards, ruleset, digest,"
      " articles, records, merged_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
      &s));
  s.Bind(1, info->plan);
  s.BindInt(2, info->shard);
  s.BindInt(3, info->shards);
  s.Bind(4, info->ruleset);
  s.Bind(5, info->digest);
  s.BindInt(6, info->articles);
  s.BindInt(7, info->records);
  if (s.Step() != Statement::kDone) return db->Error("record the part");
  // Back to a rollback journal: the WAL is checkpointed into the file and
  // removed, so the part is one file that a rename publishes whole.
  db->stmts.clear();
  return db->Exec("PRAGMA journal_mode = DELETE");
}

Status Store::ReadPart(const std::string& path, int* schema_version, PartInfo* info,
                       bool* found) {
  *found = false;
  *info = PartInfo();
  Impl db;
  // Read-only, and never created: a missing part is an error, not an
  // empty database.
  VNREFORM_RETURN_IF_ERROR(db.OpenReadOnly(path));
  Statement s;
  VNREFORM_RETURN_IF_ERROR(db.Prepare("PRAGMA user_version", &s));
  if (s.Step() != Statement::kRow) return db.Error(path + ": not a database");
  *schema_version = static_cast<int>(s.Int(0));
  s.Reset();
  int64_t tables = 0;
  VNREFORM_RETURN_IF_ERROR(PartSql::Count(
      &db, "SELECT count(*) FROM sqlite_schema WHERE name = 'shard_parts'", &tables));
  if (tables == 0) return Status::Ok();
  VNREFORM_RETURN_IF_ERROR(
      db.Prepare("SELECT plan, shard, shards, ruleset, digest, articles, records"
                 " FROM shard_parts WHERE merged_at IS NULL",
                 &s));
  Statement::StepResult rc = s.Step();
  if (rc == Statement::kRow) {
    *found = true;
    info->plan = s.Text(0);
    info->shard = static_cast<int>(s.Int(1));
    info->shards = static_cast<int>(s.Int(2));
    info->ruleset = s.Text(3);
    info->digest = s.Text(4);
    info->articles = s.Int(5);
    info->records = s.Int(6);
    rc = s.Step();
  }
  if (rc == Statement::kRow)
    return Status::InvalidArgument(path + ": names more than one part");
  if (rc != Statement::kDone) return db.Error(path);
  return Status::Ok();
}

Status Store::MergedParts(std::vector<PartInfo>* out) {
  out->clear();
  Impl* db = impl_.get();
  Statement s;
  VNREFORM_RETURN_IF_ERROR(
      db->Prepare("SELECT plan, shard, shards, ruleset, digest, articles, records,"
                  " merged_at FROM shard_parts WHERE merged_at IS NOT NULL"
                  " ORDER BY plan, shard",
                  &s));
  Statement::StepResult rc;
  while ((rc = s.Step()) == Statement::kRow) {
    PartInfo p;
    p.plan = s.Text(0);
    p.shard = static_cast<int>(s.Int(1));
    p.shards = static_cast<int>(s.Int(2));
    p.ruleset = s.Text(3);
    p.digest = s.Text(4);
    p.articles = s.Int(5);
    p.records = s.Int(6);
    p.merged_at = s.Text(7);
    out->push_back(std::move(p));
  }
  if (rc != Statement::kDone) return db->Error("read shard_parts");
  return Status::Ok();
}

Status Store::MergePart(const std::string& path, const PartInfo& info, PartMerge* out) {
  *out = PartMerge();
  Impl* db = impl_.get();
  {
    Statement s;
    VNREFORM_RETURN_IF_ERROR(db->Prepare(
        "SELECT count(*) FROM shard_parts WHERE plan = ?1 AND shard = ?2 AND digest = ?3"
        " AND merged_at IS NOT NULL",
        &s));
    s.Bind(1, info.plan);
    s.BindInt(2, info.shard);
    s.Bind(3, info.digest);
    if (s.Step() != Statement::kRow) return db->Error("read shard_parts");
    out->already = s.Int(0) > 0;
    s.Reset();
    if (out->already) return Status::Ok();
  }
  // Statements over the attached part are run once, uncached: the part is
  // detached at the end.
  VNREFORM_RETURN_IF_ERROR(db->Exec("ATTACH DATABASE " + Sql(path) + " AS part"));
  Status st = [&]() -> Status {
    VNREFORM_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
    // The part's runs follow the merged database's, ids shifted by `off`.
    int64_t off = 0;
    VNREFORM_RETURN_IF_ERROR(
        PartSql::Count(db, "SELECT coalesce(max(id), 0) FROM main.runs", &off));
    const std::string shift = " + " + std::to_string(off);
    std::string sql;
    VNREFORM_RETURN_IF_ERROR(PartSql::CopySql(db, "runs", "r", {{"id", "r.id" + shift}},
                                              {}, "part.runs r ORDER BY r.id", &sql));
    VNREFORM_RETURN_IF_ERROR(db->Exec(sql));
    VNREFORM_RETURN_IF_ERROR(PartSql::CopySql(db, "run_issues", "i",
                                              {{"run_id", "i.run_id" + shift}}, {"id"},
                                              "part.run_issues i ORDER BY i.id", &sql));
    VNREFORM_RETURN_IF_ERROR(db->Exec(sql));
    // The articles to take: those one run reading the parts in shard order
    // would store. An article stored already from an earlier shard (or not
    // from this plan) keeps its key and its content: a repeated key is
    // kept (the same content: merged before; other content: a conflict,
    // reported), and content stored under another key is that article,
    // not stored again. An article a later shard of this plan stored under
    // the key or with the content of one taken here gives way to it.
    const std::string plan = Sql(info.plan), shard = std::to_string(info.shard);
    const std::string earlier =
        " AND NOT EXISTS (SELECT 1 FROM main.part_articles s WHERE s.article_id = m.id"
        " AND s.plan = " +
        plan + " AND s.shard > " + shard + ")";
    VNREFORM_RETURN_IF_ERROR(db->Exec(
        "DROP TABLE IF EXISTS temp.merge_take; DROP TABLE IF EXISTS temp.merge_drop;"
        " CREATE TEMP TABLE merge_take(id INTEGER PRIMARY KEY);"
        " CREATE TEMP TABLE merge_drop(id INTEGER PRIMARY KEY);"
        " INSERT INTO temp.merge_take SELECT pa.id FROM part.articles pa"
        " WHERE NOT EXISTS (SELECT 1 FROM main.articles m WHERE m.key = pa.key" +
        earlier +
        ") AND NOT EXISTS (SELECT 1 FROM main.articles m"
        " WHERE m.content_hash = pa.content_hash" +
        earlier + ") ORDER BY pa.id"));
    const std::string not_taken = " AND pa.id NOT IN temp.merge_take";
    VNREFORM_RETURN_IF_ERROR(PartSql::Count(
        db,
        "SELECT count(*) FROM part.articles pa JOIN main.articles m ON m.key = pa.key"
        " WHERE m.content_hash = pa.content_hash" +
            not_taken,
        &out->present));
    {
      Statement s;
      VNREFORM_RETURN_IF_ERROR(db->Prepare(
          "SELECT pa.key FROM part.articles pa JOIN main.articles m ON m.key = pa.key"
          " WHERE m.content_hash <> pa.content_hash" +
              not_taken + " ORDER BY pa.id",
          &s));
      Statement::StepResult rc;
      while ((rc = s.Step()) == Statement::kRow) out->conflicts.push_back(s.Text(0));
      if (rc != Statement::kDone) return db->Error("read the part's articles");
    }
    VNREFORM_RETURN_IF_ERROR(db->Exec(
        "INSERT OR IGNORE INTO temp.merge_drop SELECT m.id FROM temp.merge_take t"
        " JOIN part.articles pa ON pa.id = t.id JOIN main.articles m ON m.key = pa.key;"
        " INSERT OR IGNORE INTO temp.merge_drop SELECT m.id FROM temp.merge_take t"
        " JOIN part.articles pa ON pa.id = t.id"
        " JOIN main.articles m ON m.content_hash = pa.content_hash;"
        " DELETE FROM main.articles WHERE id IN temp.merge_drop"));
    out->replaced = db->Changes();
    VNREFORM_RETURN_IF_ERROR(PartSql::CopySql(
        db, "articles", "pa", {{"run_id", "pa.run_id" + shift}}, {"id"},
        "part.articles pa WHERE pa.id IN temp.merge_take ORDER BY pa.id", &sql));
    VNREFORM_RETURN_IF_ERROR(db->Exec(sql));
    out->articles = db->Changes();
    int64_t part_articles = 0;
    VNREFORM_RETURN_IF_ERROR(
        PartSql::Count(db, "SELECT count(*) FROM part.articles", &part_articles));
    out->same_content = part_articles - out->articles - out->present -
                        static_cast<int64_t>(out->conflicts.size());
    // Records and current rules follow their article through its key.
    const std::string through_key =
        " JOIN part.articles pa ON pa.id = x.article_id"
        " JOIN main.articles m ON m.key = pa.key"
        " WHERE x.article_id IN temp.merge_take";
    VNREFORM_RETURN_IF_ERROR(
        PartSql::CopySql(db, "records", "x", {{"article_id", "m.id"}}, {"id"},
                         "part.records x" + through_key + " ORDER BY x.id", &sql));
    VNREFORM_RETURN_IF_ERROR(db->Exec(sql));
    out->records = db->Changes();
    VNREFORM_RETURN_IF_ERROR(
        PartSql::CopySql(db, "current_rules", "x", {{"article_id", "m.id"}}, {},
                         "part.current_rules x" + through_key, &sql));
    VNREFORM_RETURN_IF_ERROR(db->Exec(sql));
    VNREFORM_RETURN_IF_ERROR(
        db->Exec("INSERT INTO main.part_articles(article_id, plan, shard) SELECT m.id, " +
                 plan + ", " + shard +
                 " FROM temp.merge_take t JOIN part.articles pa ON pa.id = t.id"
                 " JOIN main.articles m ON m.key = pa.key"));
    VNREFORM_RETURN_IF_ERROR(
        db->Exec("INSERT OR IGNORE INTO main.rule_files(ruleset, name, text)"
                 " SELECT ruleset, name, text FROM part.rule_files"));
    Statement s;
    VNREFORM_RETURN_IF_ERROR(db->Prepare(
        "INSERT OR REPLACE INTO main.shard_parts(plan, shard, shards, ruleset,"
        " digest, articles, records, merged_at)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &s));
    s.Bind(1, info.plan);
    s.BindInt(2, info.shard);
    s.BindInt(3, info.shards);
    s.Bind(4, info.ruleset);
    s.Bind(5, info.digest);
    s.BindInt(6, info.articles);
    s.BindInt(7, info.records);
    s.Bind(8, NowUtc());
    if (s.Step() != Statement::kDone) return db->Error("record the part");
    return db->Exec("COMMIT; DROP TABLE temp.merge_take; DROP TABLE temp.merge_drop");
  }();
  if (!st.ok())
    st = Status(st.code(), path + ": " + st.message()).Then(db->Exec("ROLLBACK"));
  // Cached statements that read the part go with it.
  for (auto it = db->stmts.begin(); it != db->stmts.end();)
    it = it->first.find("part.") != std::string::npos ? db->stmts.erase(it)
                                                      : std::next(it);
  Status detach = db->Exec("DETACH DATABASE part");
  return st.ok() ? detach : st;
}

}  // namespace vnreform
