// Tests for src/core: Status, Record fields, Document failure bookkeeping, hashing.
#include <catch2/catch.hpp>

#include "core/clock.h"
#include "core/document.h"
#include "core/hash.h"
#include "core/strings.h"

namespace vnreform {
namespace {

TEST_CASE("Status says what and where", "[core]") {
  CHECK(Status::Ok().ok());
  CHECK(Status::Ok().ToString() == "OK");
  Status s = Status::Parse("rules/a.toml:3: bad");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == Status::kParse);
  CHECK(s.ToString() == "parse error: rules/a.toml:3: bad");
}

TEST_CASE("Record fields are set once and read back", "[core]") {
  Record r;
  CHECK(r.Get("x").empty());
  r.Set("x", "1", Field::kInt);
  r.Set("x", "2", Field::kInt);
  CHECK(r.fields.size() == 1);
  CHECK(r.Get("x") == "2");
  CHECK(r.Has("x"));
}

TEST_CASE("a document keeps its first failure", "[core]") {
  Document d;
  d.Warn("normalize", "repaired");
  d.Fail("input", Status::IOError("a"));
  d.Fail("clean", Status::Parse("b"));
  CHECK_FALSE(d.ok());
  CHECK(d.failed_stage == "input");
  CHECK(d.issues.size() == 2);
  CHECK(d.issues[1].severity == Issue::kError);
}

TEST_CASE("FNV-1a 64 is stable", "[core]") {
  CHECK(Fnv64().Hex() == "cbf29ce484222325");
  CHECK(Fnv64().Add("a").Hex() == "af63dc4c8601ec8c");
  CHECK(Fnv64().Add("ab").Hex() == Fnv64().Add("a").Add("b").Hex());
}

}  // namespace
}  // namespace vnreform

namespace vnreform {
namespace {

TEST_CASE("TrimSpace drops ASCII white space at both ends", "[core]") {
  CHECK(TrimSpace("  a b \n") == "a b");
  CHECK(TrimSpace("") == "");
  CHECK(TrimSpace(" \t ") == "");
}

TEST_CASE("Status::Then keeps the first error and adds a clean-up's", "[core]") {
  const Status ok, first = Status::IOError("disk full"), later = Status::Internal("busy");
  CHECK(ok.Then(ok).ok());
  CHECK(ok.Then(later).code() == Status::kInternal);  // nothing failed before
  CHECK(first.Then(ok).message() == "disk full");     // the clean-up went well
  const Status both = first.Then(later);
  CHECK(both.code() == Status::kIOError);
  CHECK(both.message() == "disk full; then internal error: busy");
}

TEST_CASE("NowUtc is the current UTC second, ISO 8601 with Z", "[core]") {
  const std::string now = NowUtc();
  REQUIRE(now.size() == 20);
  CHECK(now[4] == '-');
  CHECK(now[10] == 'T');
  CHECK(now[19] == 'Z');
  CHECK(now.substr(0, 2) == "20");
}

}  // namespace
}  // namespace vnreform
