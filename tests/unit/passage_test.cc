// PassagePicker must choose the passage, highlights and "…" that Xapian's
// MSet::snippet chooses: a reader sees the same excerpt whichever makes it.
// Each case compares the two on the same text, query and statistics, with
// tokenising corners written out below and, where ../shared/seeds is present,
// the bodies of real articles.
#include "search/passage.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../snippet_oracle.h"

namespace gazette::internal {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string>& Corners() {
  static const std::vector<std::string> texts = {
      "The U.S. and the U.N. met AT&T and O'Brien; P.T.O. The E.U.'s envoy left. "
      "Summit talks ended. Trade talks resume at the summit in Nairobi.",
      "Sales rose 1,000.5 percent; C++ and C# and a++++ and fish+chips and "
      "summits\xE2\x80\x99 close. Don\xE2\x80\x99t summit\xE2\x80\x8Btalks stop.",
      "\xC3\x89lys\xC3\xA9\x65 summit: na\xC3\xAFve trade \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD "
      "talks. \xE5\x8C\x97\xE4\xBA\xAC summit and talks.",
      "Words " + std::string(70, 'x') + " summit " + std::string(65, 'y') +
          " talks trade talks trade talks.",
      "First line about the summit\nsecond line about trade talks\n\nthird &lt; <b> & "
      "literal text summit.",
      "Broken \xFF\xFE bytes summit \xC3 talks \x80 trade talks. Snake_case summit_talks trade.",
      "Is it over?! The summit... it is. Trade talks!! Talks of trade, talks of summits, "
      "summitry and the summiting of trade talks on the trade talks agenda.",
      "Talks (\"trade\") $5 ended; \xC2\xABsummit\xC2\xBB \xE2\x80\x9Ctrade talks\xE2\x80\x9D] "
      "summit)-( next; [summit]... summit/x trade-talks, (talks)!? [[[[[trade]]]]] summit.",
      "summit",
      "",
      "   ... !! ",
  };
  return texts;
}

std::vector<std::string> SeedBodies() {
  fs::path dir = fs::path(GAZETTE_SOURCE_ROOT) / ".." / "shared" / "seeds";
  if (const char* env = std::getenv("GAZETTE_SEEDS")) dir = env;
  std::vector<std::string> bodies;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bodies.push_back(text.str());
  }
  return bodies;
}

// Every text under every query, at short lengths and the usual one.
void CheckAgainstXapian(const std::vector<std::string>& texts) {
  for (const char* query_text :
       {"summit", "trade talks", "\"trade talks\"", "\"trade talks\" summit", "talks NEAR trade",
        "summits", "\"talks of trade\" \"trade talks\"", "us", "putin", "c++"}) {
    const testing::SnippetSearch search(texts, query_text);
    // The empty key: every word is looked up and stemmed, as Xapian does.
    const auto picker = PassagePicker::For(search.mset, search.query, search.stemmer, {""});
    REQUIRE(picker.has_value());
    for (const std::string& text : texts) {
      for (std::size_t length : {20, 60, 200}) {
        const std::string expected = search.XapianPlain(text, length);
        INFO("query: " << query_text << ", length " << length << ", text: " << text.substr(0, 80));
        CHECK((*picker)(text, length, '\x02', '\x03', "\xE2\x80\xA6") == expected);
      }
    }
  }
}

TEST_CASE("passage: Xapian's passage and marks, on tokenising corners") {
  CheckAgainstXapian(Corners());
}

TEST_CASE("passage: Xapian's passage and marks, on real articles") {
  const std::vector<std::string> bodies = SeedBodies();
  if (bodies.empty()) return;  // ../shared is not beside every checkout
  CheckAgainstXapian(bodies);
}

TEST_CASE("passage: wildcards are left to Xapian") {
  const testing::SnippetSearch search(Corners(), "summ*");
  CHECK_FALSE(PassagePicker::For(search.mset, search.query, search.stemmer, {""}).has_value());
}

}  // namespace
}  // namespace gazette::internal
