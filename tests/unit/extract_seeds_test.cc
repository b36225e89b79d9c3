// The five real seed articles (../shared/seeds, not in the repository) with
// the built-in gazetteer: the entities a careful reader finds must be found.
// Skipped when the seeds folder is absent.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gazette/extract.h"
#include "gazette/gazetteer.h"

namespace gazette {
namespace {

// ../shared/seeds beside the checkout; one level up for a worktree in
// /work/wt/NAME; $GAZETTE_SEEDS overrides.
std::filesystem::path FindSeeds() {
  if (const char* dir = std::getenv("GAZETTE_SEEDS")) return dir;
  const std::filesystem::path root(GAZETTE_SOURCE_ROOT);
  for (const char* relative : {"../shared/seeds", "../../shared/seeds"})
    if (std::filesystem::is_directory(root / relative)) return root / relative;
  return root / "../shared/seeds";
}

const std::filesystem::path kSeeds = FindSeeds();

struct SeedCase {
  std::string_view file;
  std::vector<std::string_view> leaders, people, organizations, places;
};

std::vector<std::string> Ids(const std::vector<Mention>& mentions) {
  std::vector<std::string> ids;
  for (const Mention& m : mentions) ids.push_back(m.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> Sorted(const std::vector<std::string_view>& ids) {
  std::vector<std::string> out(ids.begin(), ids.end());
  std::sort(out.begin(), out.end());
  return out;
}

Article ReadSeed(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  Article article;
  const std::size_t newline = content.find('\n');
  article.title = content.substr(0, newline);
  if (newline != std::string::npos) article.body = content.substr(newline + 1);
  return article;
}

TEST_CASE("extract: the seed articles give the entities a careful reader sees") {
  if (!std::filesystem::is_directory(kSeeds)) {
    MESSAGE("skipped: no seeds folder at " << kSeeds.string());
    return;
  }
  // Exact lists. "Brics" (004) and "Tass" (002) need the gazetteer's
  // mixed-case aliases; a bare "Trump" (004) must resolve without a full name.
  const SeedCase cases[] = {
      {"000_9449b82e3bbca8fa.txt",
       {"xi_jinping", "vladimir_putin"},
       {},
       {"brics", "sco"},
       {"china", "russia", "brazil", "brasilia", "moscow", "beijing", "united_states"}},
      {"001_3041288117bb659e.txt",
       {"xi_jinping", "vladimir_putin"},
       {},
       {"china_daily", "un"},
       {"china", "russia", "united_states"}},
      {"002_24a5ed51680c0b6e.txt",
       {"xi_jinping", "vladimir_putin"},
       {},
       {"xinhua", "tass"},
       {"china", "russia", "united_states", "moscow", "beijing", "st_petersburg"}},
      {"003_58cf705a104d7f25.txt",
       {"vladimir_putin", "xi_jinping", "fumio_kishida"},
       {"yuri_ushakov"},
       {"csto", "sco", "brics"},
       {"china", "russia", "united_states", "beijing", "moscow", "japan", "india"}},
      {"004_76ae1a220f18aab6.txt",
       {"xi_jinping", "vladimir_putin", "donald_trump"},
       {},
       {"sco", "un", "g20", "wto", "brics"},
       {"china", "russia", "united_states", "ukraine", "tianjin", "beijing", "alaska", "moscow",
        "asia"}},
  };
  const EntityExtractor extractor(Gazetteer::Builtin());
  for (const SeedCase& c : cases) {
    CAPTURE(c.file);
    Article article = ReadSeed(kSeeds / c.file);
    REQUIRE(!article.body.empty());
    extractor.Extract(article);
    CHECK(Ids(article.leaders) == Sorted(c.leaders));
    CHECK(Ids(article.people) == Sorted(c.people));
    CHECK(Ids(article.organizations) == Sorted(c.organizations));
    CHECK(Ids(article.places) == Sorted(c.places));
  }
}

TEST_CASE("extract: seed 000 counts every form of Xi and Putin") {
  if (!std::filesystem::is_directory(kSeeds)) return;
  Article article = ReadSeed(kSeeds / "000_9449b82e3bbca8fa.txt");
  EntityExtractor(Gazetteer::Builtin()).Extract(article);
  REQUIRE(article.leaders.size() == 2);
  // "Chinese President Xi Jinping", "President Xi" (twice), "Xi urged", "Xi said".
  CHECK(article.leaders[0].id == "xi_jinping");
  CHECK(article.leaders[0].count == 5);
  CHECK(article.leaders[0].alias == "President Xi Jinping");
  // "Russian President Vladimir Putin", "Putin, for his part", "Putin further said".
  CHECK(article.leaders[1].id == "vladimir_putin");
  CHECK(article.leaders[1].count == 3);
}

}  // namespace
}  // namespace gazette
