// JSON Lines: one article object per line. A bad line is reported as
// `file:line: reason` and skipped; the rest of the file is still read.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ingest/furniture.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

using nlohmann::json;

// Field names feeds use, in the order they are preferred.
constexpr std::string_view kBodyFields[] = {"body", "text", "content"};
constexpr std::string_view kDateFields[] = {"date", "published", "published_at"};

// Reads a string field; null and absent are both "not given". Sets *why and
// returns false for any other type.
bool GetString(const json& object, std::string_view name, std::string& out, std::string& why) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return true;
  if (it->is_string()) {
    out = it->get<std::string>();
    return true;
  }
  why = fmt::format("field \"{}\" must be a string, not {}", name, it->type_name());
  return false;
}

// The first non-empty field among `names`.
template <std::size_t N>
bool GetFirstString(const json& object, const std::string_view (&names)[N], std::string& out,
                    std::string& why) {
  for (std::string_view name : names) {
    if (!GetString(object, name, out, why)) return false;
    if (!Trim(out).empty()) return true;
  }
  return true;
}

// Ids are often numbers in feeds; any integer is taken as its decimal text.
bool GetId(const json& object, std::string& out, std::string& why) {
  const auto it = object.find("id");
  if (it != object.end() && it->is_number_integer()) {
    out = it->dump();
    return true;
  }
  return GetString(object, "id", out, why);
}

// Fields only gazette's own export writes (docs/maintenance.md): where the
// article first came from and the zone its date was given in. Kept on import
// so that export -> import -> export gives the same bytes.
struct ExportFields {
  std::string origin;
  std::optional<int> utc_offset_minutes;
};

void GetExportFields(const json& object, ExportFields& out) {
  if (const auto it = object.find("origin"); it != object.end() && it->is_string())
    out.origin = it->get<std::string>();
  if (const auto it = object.find("utc_offset_minutes");
      it != object.end() && it->is_number_integer())
    out.utc_offset_minutes = it->get<int>();
}

// The parser's own words say why ("syntax error while parsing value - invalid
// string: missing closing quote"), without its id tag, the "line 1" of a
// one-line document, or the echo of everything it read (a whole body).
std::string DescribeParseError(const json::parse_error& e) {
  std::string_view message = e.what();
  if (const std::size_t tag_end = message.find("] "); tag_end != std::string_view::npos)
    message.remove_prefix(tag_end + 2);
  std::string out(message.substr(0, message.find("; last read:")));
  if (const std::size_t at = out.find("at line 1, "); at != std::string::npos)
    out.erase(at + 3, std::string_view("line 1, ").size());
  return out;
}

// Parses one line; nullopt with *why set when the line is rejected.
std::optional<Article> ParseLine(std::string_view line, std::string& raw_date,
                                 ExportFields& exported, std::string& why) {
  json object;
  try {
    object = json::parse(line);
  } catch (const json::parse_error& e) {
    // nlohmann/json reports a bad document only by throwing; this is the one
    // exception a JSONL line can raise, and it becomes the line's Problem.
    why = "invalid JSON: " + DescribeParseError(e);
    return std::nullopt;
  }
  if (!object.is_object()) {
    why = fmt::format("not a JSON object but {}", object.type_name());
    return std::nullopt;
  }
  Article a;
  std::string body;
  if (!GetId(object, a.id, why) || !GetString(object, "title", a.title, why) ||
      !GetFirstString(object, kBodyFields, body, why) ||
      !GetFirstString(object, kDateFields, raw_date, why) ||
      !GetString(object, "source", a.source, why) || !GetString(object, "url", a.url, why) ||
      !GetString(object, "language", a.language, why))
    return std::nullopt;
  GetExportFields(object, exported);
  a.title = CollapseSpaces(a.title);
  a.id = std::string(Trim(a.id));
  a.url = std::string(Trim(a.url));
  a.source = CollapseSpaces(a.source);
  const std::vector<std::string_view> lines = SplitTrimmedLines(body);
  a.body = ComposeBody(lines, MarkFurniture(lines), a.title, a.source);
  if (a.title.empty() && a.body.empty()) {
    why = "no title and no body";
    return std::nullopt;
  }
  return a;
}

}  // namespace

ReadResult ReadJsonl(std::string_view content, const InputContext& input) {
  ReadResult result;
  int line_number = input.options.line_offset;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    const std::string_view line = Trim(content.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty()) continue;
    std::string raw_date, why;
    ExportFields exported;
    std::optional<Article> article = ParseLine(line, raw_date, exported, why);
    if (!article) {
      result.problems.push_back(Problem{std::string(input.path), line_number, why, true});
      continue;
    }
    FinishArticle(*article, raw_date, line_number, input, result.problems);
    if (!exported.origin.empty()) article->origin = exported.origin;
    if (article->published && exported.utc_offset_minutes)
      article->published->utc_offset_minutes = exported.utc_offset_minutes;
    result.articles.push_back(std::move(*article));
  }
  return result;
}

}  // namespace gazette::internal
