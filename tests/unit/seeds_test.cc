// The five real articles in ../shared/seeds (beside the source root; or
// $GAZETTE_SEEDS): the title is what a reader would call the title, and no
// furniture line survives in the body. Their text is not ours, so it is never
// copied here: titles are checked through properties of each file and a hash.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gazette/dates.h"
#include "gazette/ingest.h"
#include "hash.h"
#include "ingest/furniture.h"
#include "ingest/text_util.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

fs::path SeedsDir() {
  if (const char* dir = std::getenv("GAZETTE_SEEDS")) return dir;
  return fs::path(GAZETTE_SOURCE_ROOT) / ".." / "shared" / "seeds";
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Seed {
  const char* file;
  const char* title_hash;  // internal::HexHash of the expected title
  const char* source;      // expected source, "" when the text names none
};

// What a reader calls each title: 000 and 004, the first line; 001, the text
// after "China Daily | "; 002, the headline after the stray word and the
// breadcrumbs; 003, the headline after "English News" and the social links.
const Seed kSeeds[] = {
    {"000_9449b82e3bbca8fa.txt", "a35f38f60954a79a", ""},
    {"001_3041288117bb659e.txt", "8566134a65d49c70", "China Daily"},
    {"002_24a5ed51680c0b6e.txt", "0dc208c7ff06afc9", ""},
    {"003_58cf705a104d7f25.txt", "042fa492d8a201d7", ""},
    {"004_76ae1a220f18aab6.txt", "ee2c871bc0d57eab", ""},
};

Article ReadSeed(const Seed& seed, std::string& content) {
  content = Slurp(SeedsDir() / seed.file);
  ReadOptions options;
  options.now_unix = 1795392000;
  ReadResult r = ReadArticles(content, seed.file, seed.file, options);
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  return r.articles.front();
}

TEST_CASE("seeds: titles are the headlines and bodies carry no furniture") {
  if (!fs::is_directory(SeedsDir())) {
    MESSAGE("no seeds folder at " << SeedsDir() << ": skipped");
    return;
  }
  for (const Seed& seed : kSeeds) {
    const std::string file = seed.file;
    CAPTURE(file);
    std::string content;
    const Article a = ReadSeed(seed, content);
    CAPTURE(a.title);
    CHECK(internal::HexHash(a.title) == std::string(seed.title_hash));
    CHECK(a.source == seed.source);
    CHECK_FALSE(a.title.empty());
    CHECK(a.title.find(" | ") == std::string::npos);
    CHECK_FALSE(internal::IsImageCaption(a.title));
    for (std::string_view line : internal::SplitTrimmedLines(a.body)) {
      CAPTURE(line);
      CHECK_FALSE(internal::IsFurnitureLine(line));
      CHECK_FALSE(internal::SameText(line, a.title));
      CHECK_FALSE(internal::IsByline(line, seed.source));
    }
    // Words only page chrome uses, whatever the rules that removed them.
    for (const char* chrome :
         {"READ MORE", "Popular Right Now", "Advertisement", "1. Home", "scorecard", "English News",
          "youtube", "Also Read", "Categories", "Editorial, China Daily"}) {
      CAPTURE(chrome);
      CHECK(a.body.find(chrome) == std::string::npos);
    }
  }
}

TEST_CASE("seeds: a repeated headline is the title, a captioned line stays in the body") {
  if (!fs::is_directory(SeedsDir())) return;
  std::string content;
  const Article repeated = ReadSeed(kSeeds[2], content);
  int copies = 0;
  for (std::string_view line : internal::SplitTrimmedLines(content))
    copies += internal::SameText(line, repeated.title);
  CHECK(copies >= 2);
  const Article captioned = ReadSeed(kSeeds[3], content);
  bool caption_kept = false;
  for (std::string_view line : internal::SplitTrimmedLines(captioned.body))
    caption_kept = caption_kept || internal::IsImageCaption(line);
  CHECK(caption_kept);
  const Article plain = ReadSeed(kSeeds[4], content);
  CHECK(plain.title == internal::Trim(content.substr(0, content.find('\n'))));
}

TEST_CASE("seeds: mentioned years skip amounts and percentages") {
  if (!fs::is_directory(SeedsDir())) return;
  std::string content;
  const Article a = ReadSeed(kSeeds[3], content);
  const std::vector<std::string> dates = ExtractMentionedDates(a.body);
  CHECK(std::find(dates.begin(), dates.end(), "2013") != dates.end());
  for (const std::string& d : dates) {
    CAPTURE(d);
    CHECK(d >= "1900");
    CHECK(d <= "2100");
  }
}

}  // namespace
}  // namespace gazette
