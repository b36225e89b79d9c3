// The readers on the sample files in tests/data (formats/, broken/, articles/),
// checked against what their READMEs promise.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gazette/ingest.h"

namespace gazette {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(GAZETTE_SOURCE_ROOT) / "tests" / "data";

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

ReadResult ReadFixture(const fs::path& relative) {
  ReadOptions options;
  options.now_unix = 1795392000;  // 2026-11-23T00:00:00Z
  const fs::path path = kData / relative;
  return ReadArticles(Slurp(path), path.string(), relative.filename().string(), options);
}

TEST_CASE("fixtures: wire.jsonl reads eight articles and no problems") {
  const ReadResult r = ReadFixture("formats/wire.jsonl");
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 8);
  CHECK(r.articles[0].id == "gw-2018-07-26-brics-johannesburg");
  CHECK(r.articles[1].published->Iso8601() == "2019-08-26T15:00:00Z");
  CHECK(r.articles[7].published->Iso8601() == "2025-06-25T14:30:00Z");
  CHECK(r.articles[5].body.find("Luiz In\xc3\xa1"
                                "cio Lula da Silva") != std::string::npos);
  for (const Article& a : r.articles) {
    CAPTURE(a.id);
    CHECK_FALSE(a.title.empty());
    CHECK_FALSE(a.body.empty());
    CHECK(a.language == "en");
    CHECK(a.body.find("\n\n") != std::string::npos);
  }
}

TEST_CASE("fixtures: broken.jsonl rejects lines 2 and 5 and reads the rest") {
  const ReadResult r = ReadFixture("formats/broken.jsonl");
  REQUIRE(r.articles.size() == 4);
  CHECK(r.articles[0].id == "nl-2015-12-12-paris-climate");
  CHECK(r.articles[1].id == "cd-2019-06-29-osaka-trade-truce");
  CHECK(r.articles[2].id == "ed-2020-11-15-rcep");
  CHECK(r.articles[2].published->Iso8601() == "2020-11-15T03:00:00Z");
  CHECK(r.articles[3].id == "gad-2023-07-12-nato-vilnius");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[1].line == 5);
  CHECK(r.problems[0].rejected);
  CHECK(r.problems[1].rejected);
}

TEST_CASE("fixtures: page.html gives its metadata and only the article text") {
  const ReadResult r = ReadFixture("formats/page.html");
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Xi and Ramaphosa sign agreements as BRICS leaders gather in Johannesburg");
  CHECK(a.source == "Global Affairs Daily");
  CHECK(a.published->Iso8601() == "2023-08-23T10:00:00Z");
  CHECK(a.url == "https://example.org/2023/08/23/xi-ramaphosa-brics");
  CHECK(a.language == "en");
  CHECK(a.body.find("JOHANNESBURG \xe2\x80\x94 Chinese President Xi Jinping") != std::string::npos);
  CHECK(a.body.size() - a.body.rfind("reform of the United Nations Security Council.") ==
        std::string_view("reform of the United Nations Security Council.").size());
  CHECK(a.body.find("Luiz In\xc3\xa1"
                    "cio Lula da Silva") != std::string::npos);
  for (const char* absent : {"putin", "Sanctions on Russia", "Popular Right Now", "Advertisement",
                             "Share on", "By Naledi", "Home", "cookie", "G20"}) {
    CAPTURE(absent);
    CHECK(a.body.find(absent) == std::string::npos);
  }
}

TEST_CASE("fixtures: plain.html takes its title, <time> and densest block") {
  const ReadResult r = ReadFixture("formats/plain.html");
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  const Article& a = r.articles[0];
  CHECK(a.title == "Putin and Xi hold video call, agree to meet in Beijing in February");
  CHECK(a.published->Iso8601() == "2021-12-15");
  CHECK(a.source.empty());
  CHECK(a.url.empty());
  CHECK(a.body.rfind("MOSCOW \xe2\x80\x94 Russian President Vladimir Putin", 0) == 0);
  CHECK(a.body.find("Most read") == std::string::npos);
  int paragraphs = 1;
  for (std::size_t at = a.body.find("\n\n"); at != std::string::npos;
       at = a.body.find("\n\n", at + 2))
    ++paragraphs;
  CHECK(paragraphs == 4);
}

TEST_CASE("fixtures: broken inputs give the documented problems") {
  for (const char* file : {"broken/empty.txt", "broken/whitespace.txt"}) {
    CAPTURE(file);
    const ReadResult r = ReadFixture(file);
    CHECK(r.articles.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].rejected);
  }
  // Repaired, not rejected: see docs/formats.md.
  ReadResult r = ReadFixture("broken/invalid-utf8.txt");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "India and Pakistan join SCO as full members at Astana summit");
  CHECK(r.articles[0].published->IsoDate() == "2017-06-09");
  REQUIRE(r.problems.size() == 1);
  CHECK_FALSE(r.problems[0].rejected);
  CHECK(r.problems[0].reason.find("invalid UTF-8") != std::string::npos);

  r = ReadFixture("broken/bad-lines.jsonl");
  REQUIRE(r.articles.size() == 3);
  CHECK(r.articles[0].id == "bl-2016-05-27-g7-ise-shima");
  CHECK(r.articles[1].id == "bl-2020-07-21-eu-recovery-fund");
  CHECK(r.articles[2].id == "bl-2024-06-15-g7-apulia");
  CHECK(r.articles[2].published->Iso8601() == "2024-06-13T16:00:00Z");
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0].line == 2);
  CHECK(r.problems[1].line == 4);

  r = ReadFixture("broken/good.txt");
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title ==
        "Leaders gather in New York as UN General Assembly opens annual debate");
  CHECK(r.articles[0].source == "Gazette Wire");
  CHECK(r.articles[0].id == "https://example.org/2017/09/19/unga-general-debate");
}

TEST_CASE("fixtures: sample articles, with a header or scraped with furniture") {
  int read = 0;
  for (const auto& entry : fs::directory_iterator(kData / "articles")) {
    if (entry.path().extension() != ".txt") continue;
    CAPTURE(entry.path().string());
    const std::string content = Slurp(entry.path());
    const ReadResult r = ReadFixture(fs::relative(entry.path(), kData));
    CHECK(r.problems.empty());
    REQUIRE(r.articles.size() == 1);
    const Article& a = r.articles[0];
    CHECK_FALSE(a.title.empty());
    CHECK_FALSE(a.body.empty());
    CHECK_FALSE(a.source.empty());
    if (content.rfind("Title:", 0) == 0) {
      CHECK(a.published.has_value());
    } else {
      // Scraped: "Outlet | Title" first, then furniture the body must lose.
      const std::string first_line = content.substr(0, content.find('\n'));
      CHECK(first_line == a.source + " | " + a.title);
      for (const char* chrome :
           {"Home", "Share on", "Follow us", "Advertisement", "READ MORE", "Also Read",
            "Popular Right Now", "Categories", "By ", "Copy link", "\n- ", "\n1. "}) {
        CAPTURE(chrome);
        CHECK(a.body.find(chrome) == std::string::npos);
      }
    }
    ++read;
  }
  CHECK(read >= 40);
}

TEST_CASE("fixtures: a Date line under a scraped headline is read") {
  const ReadResult r = ReadFixture("articles/029-xi-state-visit-moscow.txt");
  REQUIRE(r.articles.size() == 1);
  REQUIRE(r.articles[0].published);
  CHECK(r.articles[0].published->IsoDate() == "2023-03-22");
  CHECK(r.articles[0].body.find("Date:") == std::string::npos);
}

TEST_CASE("fixtures: 004's date at +01:00 just after midnight is the UTC day before") {
  const ReadResult r = ReadFixture("articles/004-opec-vienna-output-cut.txt");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].published->IsoDate() == "2016-11-30");
}

}  // namespace
}  // namespace gazette
