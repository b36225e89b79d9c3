// Legacy-encoded HTML: the charset a page declares, and its bytes decoded
// to UTF-8, so that "Café" and "São Paulo" are found as typed.
#include "ingest/charset.h"

#include <doctest/doctest.h>

#include "gazette/ingest.h"

namespace gazette::internal {
namespace {

TEST_CASE("charset: declared by <meta charset> or by http-equiv, near the top only") {
  CHECK(DeclaredCharset(R"(<html><head><meta charset="windows-1252">)") == "windows-1252");
  CHECK(DeclaredCharset("<html><head><META CHARSET=ISO-8859-1 >") == "iso-8859-1");
  CHECK(DeclaredCharset(
            R"(<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">)") == "koi8-r");
  CHECK(DeclaredCharset(R"(<meta name="description" content="Our charset policy"><p>x)") ==
        std::nullopt);
  CHECK(DeclaredCharset("<html><head><title>None</title></head>") == std::nullopt);
  const std::string late = "<html>" + std::string(1100, ' ') + R"(<meta charset="koi8-r">)";
  CHECK(DeclaredCharset(late) == std::nullopt);
}

TEST_CASE("charset: bytes decoded to UTF-8, labels as browsers read them") {
  // 0x80 is the euro sign and 0x96 an en dash in windows-1252, which is what
  // "iso-8859-1" means on the web; in ISO 8859-1 proper they are controls.
  std::optional<Decoded> latin = DecodeToUtf8("Caf\xe9 \x80 5 \x96 S\xe3o Paulo", "ISO-8859-1");
  REQUIRE(latin);
  CHECK(latin->text == "Café € 5 – São Paulo");
  CHECK(latin->replaced == 0);

  std::optional<Decoded> koi = DecodeToUtf8("\xf0\xd5\xd4\xc9\xce", "koi8-r");
  REQUIRE(koi);
  CHECK(koi->text == "Путин");

  // 0x81 is one of the five bytes windows-1252 leaves undefined.
  std::optional<Decoded> undefined = DecodeToUtf8("a\x81z", "windows-1252");
  REQUIRE(undefined);
  CHECK(undefined->text == "a\xEF\xBF\xBDz");
  CHECK(undefined->replaced == 1);

  CHECK(DecodeToUtf8("caf\xc3\xa9", "UTF-8") == std::nullopt);
  CHECK(DecodeToUtf8("<html>caf\xe9", "utf-16le") == std::nullopt);
  CHECK(DecodeToUtf8("abc", "x-no-such-charset") == std::nullopt);
}

TEST_CASE("charset: a page is read in the charset it declares, unless its bytes are UTF-8") {
  ReadOptions options;
  options.now_unix = 1795392000;
  const std::string latin =
      "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 talks</title></head>"
      "<body><p>The summit in S\xe3o Paulo opened on Monday with the leaders "
      "present.</p></body></html>";
  ReadResult read = ReadArticles(latin, "latin.html", "latin.html", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Café talks");
  CHECK(read.articles[0].body.find("São Paulo") != std::string::npos);
  CHECK(read.problems.empty());

  // Labelled windows-1252 but written in UTF-8, as many pages are.
  const std::string mislabelled =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xc3\xa9 talks</title></head>"
      "<body><p>The summit opened on Monday with the leaders present.</p></body></html>";
  read = ReadArticles(mislabelled, "m.html", "m.html", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Café talks");

  // A text file declares nothing: its stray bytes are repaired, as before.
  read = ReadArticles("Caf\xe9 talks\n\nThe summit opened.\n", "t.txt", "t.txt", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Caf\xEF\xBF\xBD talks");
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].reason == "invalid UTF-8: 1 byte replaced with U+FFFD");
}

TEST_CASE("charset: --encoding reads inputs that are not UTF-8, unless a page declares its own") {
  ReadOptions options;
  options.now_unix = 1795392000;
  options.encoding = "windows-1251";
  // "Путин" and "Москве" in windows-1251.
  const std::string cp1251 =
      "\xcf\xf3\xf2\xe8\xed talks\n\nLeaders met in \xcc\xee\xf1\xea\xe2\xe5 on Monday.\n";
  ReadResult read = ReadArticles(cp1251, "t.txt", "t.txt", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Путин talks");
  CHECK(read.articles[0].body.find("Москве") != std::string::npos);
  CHECK(read.problems.empty());

  // JSON Lines too: its syntax is ASCII in any such charset.
  options.format = Format::kJsonl;
  read = ReadArticles("{\"title\": \"\xcf\xf3\xf2\xe8\xed\", \"body\": \"x y z\"}\n", "f.jsonl",
                      "f.jsonl", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Путин");
  options.format = Format::kAuto;

  // Bytes that are valid UTF-8 stay UTF-8.
  read = ReadArticles("Caf\xc3\xa9 talks\n\nThe summit opened.\n", "u.txt", "u.txt", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Café talks");

  // A page's own <meta> wins over --encoding.
  read = ReadArticles(
      "<html><head><meta charset=\"koi8-r\"><title>\xf0\xd5\xd4\xc9\xce talks</title></head>"
      "<body><p>The summit opened on Monday with the leaders present.</p></body></html>",
      "k.html", "k.html", options);
  REQUIRE(read.articles.size() == 1);
  CHECK(read.articles[0].title == "Путин talks");

  // Bytes the charset leaves undefined (0x98 in windows-1251) are named.
  read = ReadArticles("A\x98 talks\n\nThe summit opened.\n", "d.txt", "d.txt", options);
  REQUIRE(read.problems.size() == 1);
  CHECK(read.problems[0].reason == "windows-1251: 1 byte it does not define replaced with U+FFFD");
}

TEST_CASE("charset: the labels --encoding accepts") {
  CHECK(IsKnownEncoding("windows-1251"));
  CHECK(IsKnownEncoding("KOI8-R"));
  CHECK(IsKnownEncoding("latin1"));
  CHECK(IsKnownEncoding("utf-8"));  // what gazette reads anyway
  CHECK_FALSE(IsKnownEncoding("no-such-charset"));
  CHECK_FALSE(IsKnownEncoding(""));
}

}  // namespace
}  // namespace gazette::internal
