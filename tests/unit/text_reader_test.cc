// The plain-text reader: the header block, titles found among the first
// lines, furniture dropped from the body, and the checks every input gets.
#include <doctest/doctest.h>

#include <string>

#include "gazette/ingest.h"

namespace gazette {
namespace {

constexpr std::int64_t kNow = 1795392000;  // 2026-11-23T00:00:00Z

ReadOptions TextOptions() {
  ReadOptions options;
  options.format = Format::kText;
  options.now_unix = kNow;
  return options;
}

Article ReadOne(std::string_view content, std::string_view id_hint = "a.txt",
                const ReadOptions& options = TextOptions()) {
  ReadResult result = ReadArticles(content, "dir/a.txt", id_hint, options);
  REQUIRE(result.articles.size() == 1);
  return result.articles.front();
}

TEST_CASE("text: a header block gives the fields, case-insensitive keys") {
  const Article a = ReadOne(
      "title: Leaders meet in Ufa\nDATE: 2015-07-10\nSource: Gazette Wire\n"
      "URL: https://example.org/ufa\nLanguage: en-GB\nAuthor: ignored\n\n"
      "First paragraph.\n\nSecond paragraph.\n");
  CHECK(a.title == "Leaders meet in Ufa");
  REQUIRE(a.published);
  CHECK(a.published->IsoDate() == "2015-07-10");
  CHECK(a.source == "Gazette Wire");
  CHECK(a.url == "https://example.org/ufa");
  CHECK(a.id == "https://example.org/ufa");
  CHECK(a.language == "en");
  CHECK(a.origin == "dir/a.txt");
  CHECK(a.body == "First paragraph.\n\nSecond paragraph.");
}

TEST_CASE("text: the Id key beats the URL") {
  CHECK(ReadOne("Id: ufa-2015\nURL: https://example.org/ufa\n\nBody.").id == "ufa-2015");
}

TEST_CASE("text: without a header, the first line is the title") {
  const Article a = ReadOne("Leaders meet in Ufa\nThe summit opened.\nIt closed.");
  CHECK(a.title == "Leaders meet in Ufa");
  CHECK(a.body == "The summit opened.\nIt closed.");
  CHECK(a.id == "a.txt");
  CHECK_FALSE(a.published);
}

TEST_CASE("text: a first line that merely has a colon is not a header") {
  const Article a = ReadOne("Update: talks resume in Geneva\n\nThe talks resumed.");
  CHECK(a.title == "Update: talks resume in Geneva");
}

TEST_CASE("text: 'Outlet | Title' splits into source and title") {
  const Article a = ReadOne(
      "Gazette Wire | Leaders agree to extend their friendship treaty\n\nBody text here.\n\n"
      "Editorial, Gazette Wire\n\nCategories Opinion\n");
  CHECK(a.source == "Gazette Wire");
  CHECK(a.title == "Leaders agree to extend their friendship treaty");
  CHECK(a.body == "Body text here.");
}

TEST_CASE("text: furniture around the article is dropped by general rules") {
  const Article a = ReadOne(
      "sports\n"
      "  1. Home\n  2. World\n  3. Leaders agree to deepen ties after a long meeting\n\n"
      "Leaders agree to deepen ties after a long meeting\n\n"
      "Leaders agree to deepen ties after a long meeting\n\n"
      "  \xe2\x80\xa2 A bullet that sums the story up.\n"
      "The first paragraph.\n\n"
      "Share on Facebook\nFollow us\n\n"
      "The second paragraph (Image courtesy: Office of the President)\n\n"
      "Advertisement\n\nREAD MORE\xe2\x80\xa6\n\nPopular Right Now\n\n"
      "Also Read: Another story entirely\n");
  CHECK(a.title == "Leaders agree to deepen ties after a long meeting");
  CHECK(a.body ==
        "\xe2\x80\xa2 A bullet that sums the story up.\nThe first paragraph.\n\n"
        "The second paragraph (Image courtesy: Office of the President)");
}

TEST_CASE("text: an image caption is never the title") {
  const Article a =
      ReadOne("Delegates arrive at the summit (AP Photo/Jane Doe)\n\nLeaders meet\n\nBody.");
  CHECK(a.title == "Leaders meet");
  CHECK(a.body == "Delegates arrive at the summit (AP Photo/Jane Doe)\n\nBody.");
}

TEST_CASE("text: the defaults fill what the article lacks, and only that") {
  ReadOptions options = TextOptions();
  options.default_date = MakeDay(2019, 6, 5);
  options.default_source = "Wire";
  const Article plain = ReadOne("Title\n\nBody.", "a.txt", options);
  CHECK(plain.published == MakeDay(2019, 6, 5));
  CHECK(plain.source == "Wire");
  const Article own = ReadOne("Title: T\nDate: 2020-01-02\nSource: Own\n\nBody.", "a.txt", options);
  CHECK(own.published->IsoDate() == "2020-01-02");
  CHECK(own.source == "Own");
}

TEST_CASE("text: a bad date is a warning and the article is indexed without one") {
  const ReadResult r =
      ReadArticles("Title: T\nDate: 05/06/2019\n\nBody.", "dir/a.txt", "a.txt", TextOptions());
  REQUIRE(r.articles.size() == 1);
  CHECK_FALSE(r.articles[0].published);
  REQUIRE(r.problems.size() == 1);
  CHECK_FALSE(r.problems[0].rejected);
  CHECK(r.problems[0].ToString().rfind("dir/a.txt: date \"05/06/2019\" refused (ambiguous", 0) ==
        0);
}

TEST_CASE("text: stdin articles get a content hash as their id") {
  const Article a = ReadOne("Title\n\nBody.", "");
  const Article b = ReadOne("Title\n\nBody.", "");
  const Article c = ReadOne("Title\n\nOther body.", "");
  CHECK(a.id.size() == 16);
  CHECK(a.id == b.id);
  CHECK(a.id != c.id);
}

TEST_CASE("text: empty and whitespace-only inputs are rejected with a reason") {
  for (const char* content : {"", "  \n\t\n  "}) {
    CAPTURE(content);
    const ReadResult r = ReadArticles(content, "e.txt", "e.txt", TextOptions());
    CHECK(r.articles.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].rejected);
  }
}

TEST_CASE("text: a page of nothing but furniture is rejected") {
  const ReadResult r =
      ReadArticles("Advertisement\n\nShare on Facebook\n", "f.txt", "f.txt", TextOptions());
  CHECK(r.articles.empty());
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].rejected);
}

TEST_CASE("text: invalid UTF-8 is repaired with U+FFFD and a warning") {
  const ReadResult r =
      ReadArticles("Caf\xe9 talks\n\nBody \xff\xfe.", "b.txt", "b.txt", TextOptions());
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].title == "Caf\xef\xbf\xbd talks");
  CHECK(r.articles[0].body == "Body \xef\xbf\xbd\xef\xbf\xbd.");
  REQUIRE(r.problems.size() == 1);
  CHECK_FALSE(r.problems[0].rejected);
  CHECK(r.problems[0].reason == "invalid UTF-8: 3 bytes replaced with U+FFFD");
}

TEST_CASE("text: CRLF line ends, a BOM and no-break spaces are normalised") {
  const Article a = ReadOne("\xef\xbb\xbfTitle\xc2\xa0here\r\n\r\nBody\r\nmore\r\n");
  CHECK(a.title == "Title here");
  CHECK(a.body == "Body\nmore");
}

}  // namespace
}  // namespace gazette
