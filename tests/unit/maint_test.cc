// Maintenance helpers: what a dry run reports as changed, how terms are
// grouped for `inspect doc`, and which folders a rebuild may delete.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "db/layout.h"
#include "gazette/ingest.h"
#include "gazette/inspect.h"
#include "maint/rederive.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

Mention M(std::string id) { return Mention{id, id, 1, 0, id}; }

TEST_CASE("rebuild: DiffEntities lists kind:id added and removed, sorted") {
  Article before, after;
  before.leaders = {M("vladimir_putin")};
  before.places = {M("moscow"), M("ufa")};
  after.leaders = {M("vladimir_putin"), M("xi_jinping")};
  after.places = {M("ufa")};
  after.organizations = {M("sco")};
  std::vector<std::string> added, removed;
  internal::DiffEntities(before, after, added, removed);
  CHECK(added == std::vector<std::string>{"leader:xi_jinping", "org:sco"});
  CHECK(removed == std::vector<std::string>{"place:moscow"});
}

TEST_CASE("rebuild: a changed mention count or alias is not an entity change") {
  Article before, after;
  before.leaders = {Mention{"xi_jinping", "Xi Jinping", 1, 0, "Xi"}};
  after.leaders = {Mention{"xi_jinping", "Xi Jinping", 3, 10, "President Xi"}};
  std::vector<std::string> added, removed;
  internal::DiffEntities(before, after, added, removed);
  CHECK(added.empty());
  CHECK(removed.empty());
}

TEST_CASE("rebuild: facet shifts keep the busiest before or after, busiest after first") {
  internal::EntityTally before, after;
  Article a, b;
  a.places = {M("moscow"), M("ufa")};
  b.places = {M("moscow")};
  before.Add(a);
  before.Add(b);
  Article c;
  c.places = {M("bishkek")};
  after.Add(c);
  after.Add(c);
  after.Add(c);
  const Gazetteer empty;
  const std::vector<FacetShift> shifts = internal::EntityTally::Compare(before, after, empty, 1);
  REQUIRE(shifts.size() == 2);
  CHECK(shifts[0].id == "bishkek");
  CHECK(shifts[0].before == 0);
  CHECK(shifts[0].after == 3);
  CHECK(shifts[1].id == "moscow");  // lost every article, still shown
  CHECK(shifts[1].before == 2);
  CHECK(shifts[1].after == 0);
  CHECK(shifts[1].kind == "place");
}

TEST_CASE("inspect: TermPrefix knows the schema's prefixes and Z stems") {
  const std::pair<const char*, const char*> cases[] = {
      {"summit", ""},         {"Zsummit", "Z"},
      {"Ssummit", "S"},       {"ZSsummit", "ZS"},
      {"XLEADERputin", "XLEADER"}, {"XORGsco", "XORG"},
      {"XORIGIN/a.txt", "XORIGIN"}, {"QAbc.txt", "Q"},
      {"XMYEAR2013", "XMYEAR"}, {"Len", "L"},
      {"XFOObar", "XFOO"}};
  for (const auto& [term, prefix] : cases) {
    CAPTURE(term);
    CHECK(TermPrefix(term) == prefix);
  }
}

TEST_CASE("layout: leftovers are the idx- folders the stub does not name, and parts") {
  std::random_device rd;
  const fs::path root = fs::temp_directory_path() / ("gazette-unit-" + std::to_string(rd()));
  const std::string db = (root / "db").string();
  internal::EnsureIndexLayout(db);
  CHECK(internal::LeftoverDatabaseDirs(db).empty());
  fs::create_directory(root / "db" / "idx-000007");
  fs::create_directory(root / "db" / "notes");
  CHECK(internal::LeftoverDatabaseDirs(db) ==
        std::vector<std::string>{(root / "db" / "idx-000007").string()});
  CHECK(internal::NextDatabaseDir(db) == "idx-000008");
  internal::SwapLiveDatabases(db, {"idx-000007"});
  CHECK(internal::LeftoverDatabaseDirs(db) ==
        std::vector<std::string>{(root / "db" / "idx-000001").string()});
  CHECK(internal::DirectoryBytes((root / "db" / "idx-000001").string()) > 0);
  fs::create_directory(root / "db" / "bulk-000001");
  CHECK(internal::LeftoverDatabaseDirs(db) ==
        std::vector<std::string>{(root / "db" / "bulk-000001").string(),
                                 (root / "db" / "idx-000001").string()});
  internal::RemoveDebris(db);
  CHECK(internal::LeftoverDatabaseDirs(db).empty());
  CHECK(fs::exists(root / "db" / "idx-000007"));
  fs::remove_all(root);
}

TEST_CASE("import: the JSONL reader keeps an export's origin and date zone") {
  ReadOptions options;
  options.format = Format::kJsonl;
  const ReadResult read = ReadArticles(
      R"({"id":"x","title":"Talks","body":"Ministers met.","date":"2016-11-30T23:30:00Z",)"
      R"("utc_offset_minutes":60,"origin":"in/a.txt"})",
      "dump.jsonl", "", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].origin == "in/a.txt");
  REQUIRE(read.articles[0].published);
  CHECK(read.articles[0].published->utc_offset_minutes == 60);
  CHECK(read.articles[0].published->Iso8601() == "2016-11-30T23:30:00Z");
}

}  // namespace
}  // namespace gazette
