// The content hash must stay what indexes already store: FNV-1a of
// ArticleToJson(article).dump(). If it drifted, every article of every index
// would look changed on the next run and be written again. The old formula
// is the oracle here.
#include "indexer/content_hash.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "gazette/article_json.h"
#include "hash.h"

namespace gazette::internal {
namespace {

// What the hash was before it was streamed; nullopt where dump() throws.
std::optional<std::string> DumpedHash(const Article& article) {
  try {
    return HexHash(ArticleToJson(article).dump());
  } catch (const nlohmann::json::type_error&) {
    return std::nullopt;
  }
}

std::optional<std::string> StreamedHash(const Article& article) {
  try {
    return ContentHash(article);
  } catch (const nlohmann::json::type_error&) {
    return std::nullopt;
  }
}

Article Plain() {
  Article a;
  a.id = "2019/sco.txt";
  a.title = "Leaders meet in Bishkek";
  a.source = "Wire";
  a.url = "https://example.org/sco";
  a.language = "en";
  a.origin = "/data/2019/sco.txt";
  a.body = "The summit opened on Friday.\n\nIt ended on Saturday.";
  return a;
}

TEST_CASE("content hash: the same as the JSON the indexes' hashes were taken of") {
  Article plain = Plain();
  CHECK(ContentHash(plain) == DumpedHash(plain));

  Article dated = Plain();
  dated.published = ParseIso8601("2019-06-14T06:30:00Z", -300);
  REQUIRE(dated.published);
  CHECK(ContentHash(dated) == DumpedHash(dated));
  CHECK(ContentHash(dated) != ContentHash(plain));

  Article with_entities = Plain();  // an exported article read back
  with_entities.leaders = {{"xi_jinping", "Xi Jinping", 3, 17, "President Xi"}};
  with_entities.places = {{"bishkek", "Bishkek", 1, 0, "Bishkek"},
                          {"moscow", "Moscow", 2, 90, "Moscow"}};
  with_entities.mentioned_dates = {"2019", "2019-06-14"};
  CHECK(ContentHash(with_entities) == DumpedHash(with_entities));

  Article empty;
  CHECK(ContentHash(empty) == DumpedHash(empty));
}

TEST_CASE("content hash: escapes every byte as dump() does, and refuses what dump() refuses") {
  // Every single byte, alone and between words, in each string field.
  for (int b = 0; b < 256; ++b) {
    Article a = Plain();
    const std::string byte(1, static_cast<char>(b));
    a.body = "before" + byte + "after";
    a.title = byte;
    CAPTURE(b);
    CHECK(StreamedHash(a) == DumpedHash(a));
  }
  // Valid and broken UTF-8: 2, 3 and 4 bytes, overlong forms, surrogates,
  // past U+10FFFF, cut short at the end.
  const char* texts[] = {"caf\xc3\xa9",
                         "\xe2\x80\x9cquoted\xe2\x80\x9d",
                         "\xf0\x9f\x8c\x8d globe",
                         "\xc0\xaf",
                         "\xe0\x80\xaf",
                         "\xed\xa0\x80",
                         "\xed\x9f\xbf",
                         "\xf4\x90\x80\x80",
                         "\xf4\x8f\xbf\xbf",
                         "\xf0\x8f\xbf\xbf",
                         "end \xe2\x80",
                         "\xc3",
                         "\x80",
                         "tab\there \"q\" back\\slash \x7f del"};
  for (const char* text : texts) {
    Article a = Plain();
    a.source = text;
    CAPTURE(text);
    CHECK(StreamedHash(a) == DumpedHash(a));
  }
  // Random strings over the bytes that matter, many in each field.
  std::uint32_t seed = 7;
  const auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  const unsigned char alphabet[] = {'a',  ' ',  '"',  '\\', '\n', '\t', 0x01, 0x1f, 0x7f,
                                    0xc3, 0xa9, 0xe2, 0x80, 0x9c, 0xf0, 0x9f, 0xed, 0xbf};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const int length = static_cast<int>(next() % 12);
    for (int i = 0; i < length; ++i)
      s += static_cast<char>(alphabet[(next() >> 8) % sizeof(alphabet)]);
    Article a = Plain();
    switch (round % 4) {
      case 0:
        a.body = s;
        break;
      case 1:
        a.id = s;
        break;
      case 2:
        a.leaders = {{"x", s, 1, 0, s}};
        break;
      default:
        a.mentioned_dates = {s, "2020"};
        break;
    }
    CAPTURE(s);
    REQUIRE(StreamedHash(a) == DumpedHash(a));
  }
}

}  // namespace
}  // namespace gazette::internal
