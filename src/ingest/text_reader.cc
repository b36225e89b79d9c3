// Plain-text articles: an optional `Key: value` header ended by a blank line,
// else a title found among the first lines; page furniture is dropped from the
// body (see furniture.h and docs/formats.md).
#include <cctype>
#include <optional>
#include <string>
#include <utility>

#include "ingest/furniture.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

// A header key is a word or two before a colon: "Title", "Published".
constexpr std::size_t kMaxKeyLength = 24;

struct Header {
  Article fields;  // title, source, url, id, language
  std::string raw_date;
  std::size_t body_start = 0;  // first line after the header's blank line
};

// The key and value of a "Key: value" line, lower-cased key; nullopt otherwise.
std::optional<std::pair<std::string, std::string_view>> SplitKeyValue(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > kMaxKeyLength) return std::nullopt;
  const std::string_view key = line.substr(0, colon);
  for (char c : key) {
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ' ')
      return std::nullopt;
  }
  return std::make_pair(ToLowerAscii(key), Trim(line.substr(colon + 1)));
}

// Stores a known key's value; false for keys this format does not know.
bool StoreHeaderField(Header& header, const std::string& key, std::string_view value) {
  Article& a = header.fields;
  if (key == "title")
    a.title = CollapseSpaces(value);
  else if (key == "date" || key == "published")
    header.raw_date = std::string(value);
  else if (key == "source")
    a.source = std::string(value);
  else if (key == "url")
    a.url = std::string(value);
  else if (key == "id")
    a.id = std::string(value);
  else if (key == "language" || key == "lang")
    a.language = std::string(value);
  else
    return false;
  return true;
}

// A header is the run of `Key: value` lines at the top, ended by a blank line
// (or the end), with at least one key we know; unknown keys (Author, Tags) are
// ignored. A first line like "Update: talks resume" is not a header.
std::optional<Header> ParseHeader(const std::vector<std::string_view>& lines) {
  std::size_t i = 0;
  while (i < lines.size() && lines[i].empty()) ++i;
  Header header;
  bool known = false;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const auto key_value = SplitKeyValue(lines[i]);
    if (!key_value) return std::nullopt;
    known = StoreHeaderField(header, key_value->first, key_value->second) || known;
  }
  if (!known) return std::nullopt;
  header.body_start = i;
  return header;
}

// Scraped pages put metadata right under the headline ("Date: 22 March
// 2023"): known `Key: value` lines there are read like a header and marked.
void ReadFieldsBelowTitle(const std::vector<std::string_view>& lines, std::size_t title_line,
                          std::vector<bool>& marks, Header& fields) {
  for (std::size_t i = title_line + 1; i < lines.size() && !lines[i].empty(); ++i) {
    const auto key_value = SplitKeyValue(lines[i]);
    if (!key_value || key_value->first == "title" ||
        !StoreHeaderField(fields, key_value->first, key_value->second))
      return;
    marks[i] = true;
  }
}

// The first line that is neither furniture nor an image caption is the title;
// "Outlet | Title" also gives the source. Marks the title line as used.
void FindTitle(const std::vector<std::string_view>& lines, std::vector<bool>& marks,
               Header& header) {
  Article& article = header.fields;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty() || marks[i] || IsImageCaption(lines[i])) continue;
    marks[i] = true;
    if (auto split = SplitOutletTitle(lines[i], /*allow_dashes=*/false)) {
      article.title = CollapseSpaces(split->title);
      if (article.source.empty()) article.source = split->source;
    } else {
      article.title = CollapseSpaces(lines[i]);
    }
    ReadFieldsBelowTitle(lines, i, marks, header);
    return;
  }
}

}  // namespace

ReadResult ReadText(std::string_view content, const InputContext& input) {
  ReadResult result;
  const std::vector<std::string_view> all_lines = SplitTrimmedLines(content);
  Header header = ParseHeader(all_lines).value_or(Header{});
  const std::vector<std::string_view> lines(
      all_lines.begin() + static_cast<std::ptrdiff_t>(header.body_start), all_lines.end());
  std::vector<bool> marks = MarkFurniture(lines);
  if (header.fields.title.empty()) FindTitle(lines, marks, header);
  Article article = std::move(header.fields);
  const std::string raw_date = std::move(header.raw_date);
  const std::string_view byline_source =
      article.source.empty() ? std::string_view(input.options.default_source) : article.source;
  article.body = ComposeBody(lines, marks, article.title, byline_source);
  if (article.title.empty() && article.body.empty()) {
    result.problems.push_back(
        Problem{std::string(input.path), 0, "no article text: only page furniture", true});
    return result;
  }
  FinishArticle(article, raw_date, 0, input, result.problems);
  result.articles.push_back(std::move(article));
  return result;
}

}  // namespace gazette::internal
