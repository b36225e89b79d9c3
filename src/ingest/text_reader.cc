// Plain-text articles: the first non-empty line is the title, the rest the body.
#include <string>

#include "hash.h"
#include "ingest/readers.h"

namespace gazette::internal {
namespace {

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

ReadResult ReadText(std::string_view content, std::string_view path,
                    std::string_view id_hint, const ReadOptions& options) {
  ReadResult result;
  const std::string_view text = Trim(content);
  if (text.empty()) {
    result.problems.push_back(Problem{std::string(path), 0, "empty file: no article in it", true});
    return result;
  }
  const auto eol = text.find('\n');
  Article article;
  article.title = std::string(Trim(text.substr(0, eol)));
  article.body = eol == std::string_view::npos ? "" : std::string(Trim(text.substr(eol + 1)));
  article.id = id_hint.empty() ? HexHash(content) : std::string(id_hint);
  article.origin = std::string(path);
  article.published = options.default_date;
  article.source = options.default_source;
  result.articles.push_back(std::move(article));
  return result;
}

}  // namespace gazette::internal
