// Several indexes and shards searched as one: the same hits, order, totals
// and facets as one index holding the same articles (docs/scaling.md).
// Remote shards are covered end to end by tests/e2e/shards_test.py.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/schema.h"
#include "gazette/search.h"
#include "search_fixture.h"

namespace gazette::testing {
namespace {
namespace fs = std::filesystem;

// A scratch folder of on-disk indexes, removed at the end.
class Scratch {
 public:
  Scratch() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("gazette-shards-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string operator/(const std::string& name) const { return (dir_ / name).string(); }

  // An index at `name` holding `articles`, in this order.
  std::string Index(const std::string& name, const std::vector<Article>& articles) {
    const std::string path = *this / name;
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
    w.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    DocumentBuilder builder;
    for (const Article& a : articles) w.replace_document(schema::IdTerm(a.id), builder.Build(a, "h"));
    w.commit();
    return path;
  }

  // A stub file at `name` with these lines.
  std::string Stub(const std::string& name, const std::string& lines) {
    std::ofstream(*this / name) << lines;
    return *this / name;
  }

 private:
  fs::path dir_;
};

std::vector<std::string> HitIds(Database& db, const std::string& text, SortOrder sort) {
  SearchOptions options;
  options.limit = 100;
  options.sort = sort;
  std::vector<std::string> ids;
  for (const Hit& hit : Search(db, BuildQuery(db, Gazetteer::Builtin(), text, {}, kFixtureNow), options).hits)
    ids.push_back(hit.article.id);
  return ids;
}

Article Copy(const std::string& id) {
  Article a;
  a.id = id;
  a.title = "Grain deal extended";
  a.body = "The grain deal was extended for sixty days.";
  a.published = MakeDay(2023, 5, 17);
  a.language = "en";
  return a;
}

TEST_CASE("shards: articles tied on score and date come in id order, whatever the docids") {
  Scratch scratch;
  // Wire copies: the same text and day under three ids, in no id order.
  for (const std::vector<std::string>& order : {std::vector<std::string>{"b", "c", "a"}, {"c", "a", "b"}}) {
    std::vector<Article> copies;
    for (const std::string& id : order) copies.push_back(Copy(id));
    Database db = Database::Open(scratch.Index("one-" + order[0], copies));
    CAPTURE(order);
    // Newest first reverses the whole date-then-id order.
    CHECK(HitIds(db, "grain", SortOrder::kRelevance) == std::vector<std::string>{"c", "b", "a"});
    CHECK(HitIds(db, "", SortOrder::kNewest) == std::vector<std::string>{"c", "b", "a"});
    CHECK(HitIds(db, "", SortOrder::kOldest) == std::vector<std::string>{"a", "b", "c"});
  }
}

}  // namespace
}  // namespace gazette::testing
