// The document data: Omega's "field=value" lines, a blank line, then the body
// as it is (docs/schema.md, "Document data"). Not JSON: every hit is decoded,
// and nlohmann's parse of the ~1 KB of fields cost ~25 us a hit, more than
// Xapian's whole match for a top-10 page (docs/performance.md, "Search");
// splitting lines costs ~1 us.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gazette/article_json.h"
#include "gazette/document.h"
#include "gazette/problem.h"

namespace gazette {
namespace {

// One line per field: a newline inside a value would end it early, and a
// tab would split a mention's fields.
void AppendEscaped(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
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
        out += c;
    }
  }
}

std::string Unescaped(std::string_view value) {
  if (value.find('\\') == std::string_view::npos) return std::string(value);
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out += value[i];
      continue;
    }
    switch (value[++i]) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default:
        out += value[i];
    }
  }
  return out;
}

void AppendField(std::string& out, std::string_view key, std::string_view value) {
  out += key;
  out += '=';
  AppendEscaped(out, value);
  out += '\n';
}

// Splits at the next `separator`, consuming it.
std::string_view NextPart(std::string_view& rest, char separator) {
  const std::size_t end = rest.find(separator);
  const std::string_view part = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return part;
}

template <typename Number>
Number ParseNumber(std::string_view text) {
  Number n{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size())
    throw Error(ErrorKind::kCorrupt, "bad number \"" + std::string(text) + "\"");
  return n;
}

// Which fields to read: a search hit skips what no result shows.
enum class Fields { kAll, kShown };

// "id\tname\tcount\tfirst_offset\talias"
Mention ParseMention(std::string_view value, Fields fields) {
  Mention m;
  m.id = Unescaped(NextPart(value, '\t'));
  m.name = Unescaped(NextPart(value, '\t'));
  m.count = ParseNumber<int>(NextPart(value, '\t'));
  m.first_offset = ParseNumber<std::size_t>(NextPart(value, '\t'));
  if (fields == Fields::kAll) m.alias = Unescaped(value);
  if (m.id.empty()) throw Error(ErrorKind::kCorrupt, "a mention without an id");
  return m;
}

// Everything but the body, which starts at the returned offset.
Article ArticleFromFields(std::string_view data, Fields fields, std::size_t* body_at) {
  const std::size_t size = data.size();
  Article article;
  std::string date;
  std::optional<int> offset;
  for (;;) {
    if (data.empty()) throw Error(ErrorKind::kCorrupt, "no blank line before the body");
    const std::string_view line = NextPart(data, '\n');
    if (line.empty()) break;  // the body follows
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) throw Error(ErrorKind::kCorrupt, "a line without '='");
    const std::string_view key = line.substr(0, equals), value = line.substr(equals + 1);
    if (key == "id") {
      article.id = Unescaped(value);
    } else if (key == "title") {
      article.title = Unescaped(value);
    } else if (key == "date") {
      date = value;
    } else if (key == "utc_offset_minutes") {
      offset = ParseNumber<int>(value);
    } else if (key == "source") {
      article.source = Unescaped(value);
    } else if (key == "url") {
      article.url = Unescaped(value);
    } else if (key == "language") {
      article.language = Unescaped(value);
    } else if (key == "origin") {
      if (fields == Fields::kAll) article.origin = Unescaped(value);
    } else if (key == "mentioned") {
      if (fields == Fields::kAll) article.mentioned_dates.push_back(Unescaped(value));
    } else if (const std::optional<EntityKind> kind = ParseKind(key)) {
      std::vector<Mention>& mentions = article.mentions(*kind);
      // Most articles name a few of each kind: one allocation, no moves.
      if (mentions.empty()) mentions.reserve(8);
      mentions.push_back(ParseMention(value, fields));
    }
    // Other keys: written by a later gazette; `rebuild` with it reads them.
  }
  if (article.id.empty()) throw Error(ErrorKind::kCorrupt, "no id");
  if (!date.empty()) {
    article.published = ParseIso8601(date, offset);
    if (!article.published) throw Error(ErrorKind::kCorrupt, "bad date \"" + date + "\"");
  }
  *body_at = size - data.size();
  return article;
}

// Schema 2 stored ArticleToJson whole; `rebuild` upgrades such an index.
Article ArticleFromSchema2Json(std::string_view data) {
  const nlohmann::json json = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    throw Error(ErrorKind::kCorrupt, "malformed article JSON");
  return ArticleFromJson(json);
}

}  // namespace

std::string DocumentData(const Article& article) {
  std::string out;
  out.reserve(512 + article.body.size());
  AppendField(out, "id", article.id);
  AppendField(out, "title", article.title);
  if (article.published) {
    AppendField(out, "date", article.published->Iso8601());
    if (article.published->utc_offset_minutes)
      AppendField(out, "utc_offset_minutes",
                  std::to_string(*article.published->utc_offset_minutes));
  }
  AppendField(out, "source", article.source);
  AppendField(out, "url", article.url);
  AppendField(out, "language", article.language);
  AppendField(out, "origin", article.origin);
  for (EntityKind kind : kAllEntityKinds) {
    for (const Mention& m : article.mentions(kind)) {
      out += KindName(kind);
      out += '=';
      AppendEscaped(out, m.id);
      out += '\t';
      AppendEscaped(out, m.name);
      out += '\t';
      out += std::to_string(m.count);
      out += '\t';
      out += std::to_string(m.first_offset);
      out += '\t';
      AppendEscaped(out, m.alias);
      out += '\n';
    }
  }
  for (const std::string& mentioned : article.mentioned_dates)
    AppendField(out, "mentioned", mentioned);
  out += '\n';
  out += article.body;
  return out;
}

namespace {

// The body keeps the data's buffer: moving it down costs less than
// allocating and copying it (a search decodes every hit).
Article ArticleFromOwnedData(std::string data, Fields fields) {
  if (data.starts_with('{')) return ArticleFromSchema2Json(data);
  std::size_t body_at = 0;
  Article article = ArticleFromFields(data, fields, &body_at);
  data.erase(0, body_at);
  article.body = std::move(data);
  return article;
}

Article FromStored(std::string data, Xapian::docid docid, Fields fields) {
  try {
    return ArticleFromOwnedData(std::move(data), fields);
  } catch (const Error& e) {
    throw Error(ErrorKind::kCorrupt,
                "document " + std::to_string(docid) + " has no article data: " + e.what());
  }
}

}  // namespace

Article ArticleFromData(std::string_view data) {
  return ArticleFromOwnedData(std::string(data), Fields::kAll);
}

Article ArticleFromDocument(const Xapian::Document& document) {
  return FromStored(document.get_data(), document.get_docid(), Fields::kAll);
}

Article ShownArticleFromDocument(const Xapian::Document& document) {
  return FromStored(document.get_data(), document.get_docid(), Fields::kShown);
}

Article ShownArticleFromData(std::string data, Xapian::docid docid) {
  return FromStored(std::move(data), docid, Fields::kShown);
}

}  // namespace gazette
