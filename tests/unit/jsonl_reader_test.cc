// The JSON Lines reader: field names and aliases, ids, and bad lines reported
// as `file:line: reason` while the other lines are still read.
#include <doctest/doctest.h>

#include <string>

#include "gazette/ingest.h"

namespace gazette {
namespace {

constexpr std::int64_t kNow = 1795392000;  // 2026-11-23T00:00:00Z

ReadResult ReadJsonl(std::string_view content, std::string_view id_hint = "feed.jsonl") {
  ReadOptions options;
  options.now_unix = kNow;
  return ReadArticles(content, "in/feed.jsonl", id_hint, options);
}

TEST_CASE("jsonl: every field, and unknown fields ignored") {
  const ReadResult r = ReadJsonl(
      R"({"id": "a1", "title": "Leaders meet", "body": "Text.", "date": "2019-06-05T10:00:00+03:00",)"
      R"( "source": "Wire", "url": "https://example.org/a1", "language": "EN", "tags": ["x"]})");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.problems.empty());
  const Article& a = r.articles[0];
  CHECK(a.id == "a1");
  CHECK(a.title == "Leaders meet");
  CHECK(a.body == "Text.");
  CHECK(a.published->Iso8601() == "2019-06-05T07:00:00Z");
  CHECK(a.source == "Wire");
  CHECK(a.url == "https://example.org/a1");
  CHECK(a.language == "en");
  CHECK(a.origin == "in/feed.jsonl");
}

TEST_CASE("jsonl: a number too big for a double rejects its line, not the file") {
  // nlohmann/json throws out_of_range, not parse_error, for it (a fuzzer find).
  const ReadResult r = ReadJsonl("{\"title\": \"Huge\", \"body\": \"b\", \"n\": 20e1901}\n"
                                 "{\"title\": \"Fine\", \"body\": \"Still read.\"}\n");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Fine");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 1);
  CHECK(r.problems[0].rejected);
  CHECK(r.problems[0].reason.find("number overflow") != std::string::npos);
}

TEST_CASE("jsonl: body and date aliases") {
  const ReadResult r = ReadJsonl(
      "{\"title\": \"A\", \"text\": \"from text\", \"published\": \"June 5, 2019\"}\n"
      "{\"title\": \"B\", \"content\": \"from content\", \"published_at\": \"2019-06-06\"}\n");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].body == "from text");
  CHECK(r.articles[0].published->IsoDate() == "2019-06-05");
  CHECK(r.articles[1].body == "from content");
  CHECK(r.articles[1].published->IsoDate() == "2019-06-06");
}

TEST_CASE("jsonl: ids come from id, else url, else file:line, else a hash") {
  const std::string content =
      "{\"id\": 42, \"title\": \"A\"}\n"
      "{\"url\": \"https://example.org/b\", \"title\": \"B\"}\n"
      "\n"
      "{\"title\": \"C\", \"body\": \"c\"}\n";
  ReadResult r = ReadJsonl(content);
  REQUIRE(r.articles.size() == 3);
  CHECK(r.articles[0].id == "42");
  CHECK(r.articles[1].id == "https://example.org/b");
  CHECK(r.articles[2].id == "feed.jsonl:4");
  r = ReadJsonl(content, "");
  CHECK(r.articles[2].id.size() == 16);
}

TEST_CASE("jsonl: bad lines are rejected with file:line and a reason, the rest is read") {
  const ReadResult r = ReadJsonl(
      "{\"title\": \"good one\"}\n"
      "{\"title\": \"unterminated\n"
      "[1, 2, 3]\n"
      "{\"title\": 7}\n"
      "{\"body\": [\"not\", \"a string\"]}\n"
      "{\"id\": \"x\", \"source\": \"no title, no body\"}\n"
      "\n"
      "   \n"
      "{\"title\": \"good two\", \"date\": \"05/06/2019\"}\n");
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].title == "good one");
  CHECK(r.articles[1].title == "good two");
  CHECK_FALSE(r.articles[1].published);
  REQUIRE(r.problems.size() == 6);
  const int lines[] = {2, 3, 4, 5, 6, 9};
  for (std::size_t i = 0; i < 6; ++i) {
    CAPTURE(r.problems[i].ToString());
    CHECK(r.problems[i].line == lines[i]);
    CHECK(r.problems[i].path == "in/feed.jsonl");
    CHECK(r.problems[i].rejected == (i < 5));
  }
  CHECK(r.problems[0].reason.rfind("invalid JSON: ", 0) == 0);
  CHECK(r.problems[0].reason.find("last read") == std::string::npos);
  CHECK(r.problems[1].reason == "not a JSON object but array");
  CHECK(r.problems[2].reason == "field \"title\" must be a string, not number");
  CHECK(r.problems[4].reason == "no title and no body");
  CHECK(r.problems[5].ToString().rfind("in/feed.jsonl:9: date \"05/06/2019\" refused", 0) == 0);
}

TEST_CASE("jsonl: a line without a title takes its body's first line") {
  const ReadResult r = ReadJsonl(R"({"body": "Leaders met in Ufa.\nThey agreed."})");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Leaders met in Ufa.");
  CHECK(r.articles[0].body == "Leaders met in Ufa.\nThey agreed.");
}

TEST_CASE("jsonl: a derived title is cut at a space, or between characters") {
  std::string words;
  for (int i = 0; i < 40; ++i) words += "word ";
  ReadResult r = ReadJsonl("{\"body\": \"" + words + "\"}");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title.size() <= 150 + 3);
  CHECK(r.articles[0].title.substr(r.articles[0].title.size() - 7) == "word\xe2\x80\xa6");
  std::string cjk;
  for (int i = 0; i < 100; ++i) cjk += "\xe4\xb8\xad";  // U+4E2D, 3 bytes each
  r = ReadJsonl("{\"body\": \"" + cjk + "\"}");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == cjk.substr(0, 150) + "\xe2\x80\xa6");
}

TEST_CASE("jsonl: furniture lines in a scraped body are dropped") {
  const ReadResult r = ReadJsonl(
      R"({"title": "T", "body": "First.\n\nAdvertisement\n\nSecond.\nShare on Facebook"})");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].body == "First.\n\nSecond.");
}

TEST_CASE("jsonl: detected by extension or by a leading brace") {
  CHECK(DetectFormat("x.jsonl", "") == Format::kJsonl);
  CHECK(DetectFormat("-", "{\"title\": \"T\"}\n") == Format::kJsonl);
}

}  // namespace
}  // namespace gazette
