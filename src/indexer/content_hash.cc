#include "indexer/content_hash.h"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "hash.h"

namespace gazette::internal {
namespace {

// The length of the UTF-8 sequence starting at s[i], 0 if it is not one:
// the strict form (no overlong forms, surrogates or code points past
// U+10FFFF) that nlohmann's serializer accepts.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const auto continuation = [](unsigned b) { return (b & 0xC0u) == 0x80u; };
  const unsigned b0 = byte(0);
  if (b0 >= 0xC2 && b0 <= 0xDF) return continuation(byte(1)) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned b1 = byte(1);
    const bool ok1 = b0 == 0xE0   ? (b1 >= 0xA0 && b1 <= 0xBF)
                     : b0 == 0xED ? (b1 >= 0x80 && b1 <= 0x9F)
                                  : continuation(b1);
    return ok1 && continuation(byte(2)) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned b1 = byte(1);
    const bool ok1 = b0 == 0xF0   ? (b1 >= 0x90 && b1 <= 0xBF)
                     : b0 == 0xF4 ? (b1 >= 0x80 && b1 <= 0x8F)
                                  : continuation(b1);
    return ok1 && continuation(byte(2)) && continuation(byte(3)) ? 4 : 0;
  }
  return 0;
}

// Appends `s` as a JSON string the way nlohmann's dump() writes it (UTF-8
// kept, only '"', '\\' and control characters escaped).
void AppendString(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // the start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t length = Utf8SequenceLength(s, i);
      if (length == 0) {
        // nlohmann's own exception and message, as dump() gave them.
        (void)nlohmann::json(std::string(s)).dump();
        length = 1;  // not reached: the two read UTF-8 alike (content_hash_test.cc)
      }
      i += length - 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void AppendKey(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

void AppendMentions(std::string& out, std::string_view key, const std::vector<Mention>& mentions) {
  out += ',';
  AppendKey(out, key);
  out += '[';
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (i > 0) out += ',';
    out += '{';
    AppendKey(out, "id");
    AppendString(out, m.id);
    out += ',';
    AppendKey(out, "name");
    AppendString(out, m.name);
    fmt::format_to(std::back_inserter(out), ",\"count\":{},\"first_offset\":{},", m.count,
                   m.first_offset);
    AppendKey(out, "alias");
    AppendString(out, m.alias);
    out += '}';
  }
  out += ']';
}

void AppendField(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  AppendKey(out, key);
  AppendString(out, value);
}

}  // namespace

std::string ContentHash(const Article& article) {
  // The keys in ArticleToJson's order (src/schema/article_json.cc).
  std::string out;
  out.reserve(article.body.size() + article.title.size() + 512);
  out += '{';
  AppendKey(out, "id");
  AppendString(out, article.id);
  AppendField(out, "title", article.title);
  out += ',';
  AppendKey(out, "date");
  if (article.published)
    AppendString(out, article.published->Iso8601());
  else
    out += "null";
  if (article.published && article.published->utc_offset_minutes)
    fmt::format_to(std::back_inserter(out), ",\"utc_offset_minutes\":{}",
                   *article.published->utc_offset_minutes);
  AppendField(out, "source", article.source);
  AppendField(out, "url", article.url);
  AppendField(out, "language", article.language);
  AppendField(out, "origin", article.origin);
  AppendField(out, "body", article.body);
  AppendMentions(out, "leaders", article.leaders);
  AppendMentions(out, "people", article.people);
  AppendMentions(out, "organizations", article.organizations);
  AppendMentions(out, "places", article.places);
  out += ',';
  AppendKey(out, "mentioned_dates");
  out += '[';
  for (std::size_t i = 0; i < article.mentioned_dates.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, article.mentioned_dates[i]);
  }
  out += "]}";
  return HexHash(out);
}

}  // namespace gazette::internal
