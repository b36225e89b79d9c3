// A small on-disk index built from hand-made articles (entities and dates set
// by hand, so query and facet tests do not depend on extraction), with its own
// gazetteer. On disk rather than in memory because spelling needs a disk DB.
#ifndef GAZETTE_TESTS_UNIT_SEARCH_FIXTURE_H_
#define GAZETTE_TESTS_UNIT_SEARCH_FIXTURE_H_

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"
#include "gazette/schema.h"
#include "gazette/search.h"

namespace gazette::testing {

inline constexpr const char* kFixtureGazetteer =
    "vladimir_putin\tleader\tVladimir Putin\tPutin|Путин|Владимир Путин|President Putin\tru\t\n"
    "xi_jinping\tleader\tXi Jinping\tXi|President Xi\tcn\t\n"
    "narendra_modi\tleader\tNarendra Modi\tModi\tin\t\n"
    "donald_trump\tleader\tDonald Trump\tTrump\tus\t\n"
    "shinzo_abe\tleader\tShinzō Abe\tShinzo Abe|Abe\tjp\t\n"
    "sergey_lavrov\tperson\tSergey Lavrov\tLavrov|Sergei Lavrov\tru\t\n"
    "sco\torg\tShanghai Cooperation Organisation\tSCO|Shanghai Cooperation Organization\t\t\n"
    "g20\torg\tG20\tGroup of Twenty\t\t\n"
    "brics\torg\tBRICS\t\t\t\n"
    "moscow\tplace\tMoscow\t\tru\t\n"
    "bishkek\tplace\tBishkek\t\tkg\t\n"
    "osaka\tplace\tOsaka\t\tjp\t\n";

// 2021-04-10T12:00:00Z: the fixed "now" of relative-date tests.
inline constexpr std::int64_t kFixtureNow = 1618056000;

inline Mention M(const std::string& id, const Gazetteer& g) {
  const Entity* e = g.FindById(id);
  return Mention{id, e ? std::string(e->name) : id, 1, 0, ""};
}

inline std::vector<Article> FixtureArticles(const Gazetteer& g) {
  auto make = [&](std::string id, std::string title, std::string body, std::optional<Timestamp> date,
                  std::string source, std::vector<std::string> leaders, std::vector<std::string> people,
                  std::vector<std::string> orgs, std::vector<std::string> places) {
    Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.published = date;
    a.source = std::move(source);
    a.language = "en";
    a.url = "https://example.org/" + a.id;
    for (auto& x : leaders) a.leaders.push_back(M(x, g));
    for (auto& x : people) a.people.push_back(M(x, g));
    for (auto& x : orgs) a.organizations.push_back(M(x, g));
    for (auto& x : places) a.places.push_back(M(x, g));
    return a;
  };
  return {
      make("bishkek", "SCO summit opens in Bishkek",
           "Leaders of the Shanghai Cooperation Organisation met for the summit. Security "
           "cooperation and trade were on the agenda. Putin spoke first.",
           MakeDay(2019, 6, 14), "Gazette Wire", {"vladimir_putin", "xi_jinping", "narendra_modi"},
           {}, {"sco"}, {"bishkek"}),
      make("moscow", "Putin and Xi meet in Moscow",
           "The two presidents discussed trade and energy. Putin praised the partnership.",
           MakeDay(2019, 6, 5), "China Daily", {"vladimir_putin", "xi_jinping"}, {}, {},
           {"moscow"}),
      make("osaka", "G20 summit in Osaka ends with trade truce",
           "The summit ended with a truce in the trade war. Trump met Xi on the sidelines.",
           MakeDay(2019, 6, 29), "Gazette Wire",
           {"donald_trump", "xi_jinping", "vladimir_putin", "narendra_modi", "shinzo_abe"}, {},
           {"g20"}, {"osaka"}),
      make("hanoi", "Trump leaves Hanoi without a deal",
           "Talks collapsed over sanctions. The president flew home early.", MakeDay(2019, 2, 28),
           "Daily Planet", {"donald_trump"}, {}, {}, {}),
      make("brasilia", "BRICS summit in Brasilia backs reform of trade rules",
           "Leaders backed reform of the trade rules. Lavrov joined the talks on security.",
           MakeDay(2019, 11, 14), "Gazette Wire", {"vladimir_putin", "xi_jinping", "narendra_modi"},
           {"sergey_lavrov"}, {"brics"}, {}),
      make("oil", "Oil prices fall sharply",
           "Oil prices fell as producers failed to agree on output cuts.", MakeDay(2020, 3, 9),
           "Daily Planet", {}, {}, {}, {}),
      make("summitry", "Summits and summitry in a pandemic",
           "Virtual summits replaced travel. Jane Doe, an adviser, said summits will return.",
           MakeDay(2021, 3, 15), "Daily Planet", {"donald_trump"}, {"jane_doe"}, {}, {}),
      make("yesterday", "Lavrov visits Beijing",
           "The foreign minister arrived for talks on security cooperation.", MakeDay(2021, 4, 9),
           "China Daily", {}, {"sergey_lavrov"}, {}, {}),
      make("undated", "Climate change talks stall", "Negotiators failed to agree on climate change.",
           std::nullopt, "Daily Planet", {}, {}, {}, {}),
  };
}

class SearchFixture {
 public:
  // `extra`: articles indexed after the fixture's own.
  explicit SearchFixture(const std::vector<Article>& extra = {}) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("gazette-unit-" + std::to_string(rd()));
    gazetteer_.MergeTsv(kFixtureGazetteer, "fixture");
    articles_ = FixtureArticles(gazetteer_);
    articles_.insert(articles_.end(), extra.begin(), extra.end());
    {
      Xapian::WritableDatabase w(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
      w.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
      DocumentBuilder builder;
      for (const Article& a : articles_) w.replace_document(schema::IdTerm(a.id), builder.Build(a, "h", &w));
      w.commit();
    }
    db_ = std::make_unique<Database>(Database::Open(dir_.string()));
  }
  ~SearchFixture() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Database& db() { return *db_; }
  const Gazetteer& gazetteer() const { return gazetteer_; }
  const std::vector<Article>& articles() const { return articles_; }

  ParsedQuery Parse(const std::string& text, const Filters& filters = {}) {
    return BuildQuery(*db_, gazetteer_, text, filters, kFixtureNow);
  }

  // Ids of every match, sorted by id.
  std::vector<std::string> Ids(const std::string& text, const Filters& filters = {}) {
    SearchOptions options;
    options.limit = 1000;
    std::vector<std::string> ids;
    for (const Hit& hit : Search(*db_, Parse(text, filters), options, gazetteer_).hits)
      ids.push_back(hit.article.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

 private:
  std::filesystem::path dir_;
  Gazetteer gazetteer_;
  std::vector<Article> articles_;
  std::unique_ptr<Database> db_;
};

using Ids = std::vector<std::string>;

}  // namespace gazette::testing

template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& values) {
    std::string joined = "{";
    for (const std::string& v : values) joined += (joined.size() > 1 ? ", " : "") + v;
    return (joined + "}").c_str();
  }
};

#endif  // GAZETTE_TESTS_UNIT_SEARCH_FIXTURE_H_
