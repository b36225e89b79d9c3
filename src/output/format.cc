// Rendering search results: text for people, JSON for programs.
#include "gazette/format.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <string>

#include "gazette/article_json.h"

namespace gazette {
namespace {

// Snippets come from Xapian HTML-escaped; the terminal wants plain text.
std::string Unescape(std::string_view html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool replaced = false;
      for (auto [entity, c] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += html[i];
  }
  return out;
}

std::string RenderSnippet(std::string_view snippet, bool color, std::string_view open_plain,
                          std::string_view close_plain) {
  std::string out;
  for (char c : Unescape(snippet)) {
    if (c == kHighlightOpen) out += color ? "\x1b[1;31m" : std::string(open_plain);
    else if (c == kHighlightClose) out += color ? "\x1b[0m" : std::string(close_plain);
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

void WriteText(const SearchResult& result, const FormatOptions& options, std::ostream& out) {
  for (const Hit& hit : result.hits) {
    const std::string title = options.color
                                  ? fmt::format(fmt::emphasis::bold, "{}", hit.article.title)
                                  : hit.article.title;
    out << fmt::format("{:>3}. {}\n", hit.rank, title);
    out << fmt::format("     {}\n", hit.article.id);
    if (!hit.snippet.empty()) out << "     " << RenderSnippet(hit.snippet, options.color, "", "") << "\n";
  }
  out << fmt::format("{} {} match{}\n", result.total_exact ? "" : "about", result.total,
                     result.total == 1 ? "" : "es");
}

void WriteJson(const SearchResult& result, std::ostream& out) {
  nlohmann::ordered_json json;
  json["query"] = result.query;
  json["total"] = result.total;
  json["total_exact"] = result.total_exact;
  json["offset"] = result.offset;
  json["hits"] = nlohmann::ordered_json::array();
  for (const Hit& hit : result.hits) {
    json["hits"].push_back({{"rank", hit.rank},
                            {"id", hit.article.id},
                            {"score", hit.score},
                            {"title", hit.article.title},
                            {"snippet", RenderSnippet(hit.snippet, false, "", "")}});
  }
  out << json.dump() << "\n";
}

}  // namespace

void WriteSearchResult(const SearchResult& result, const FormatOptions& options,
                       std::ostream& out) {
  switch (options.format) {
    case OutputFormat::kText: WriteText(result, options, out); break;
    case OutputFormat::kJson: WriteJson(result, out); break;
    case OutputFormat::kJsonl:
    case OutputFormat::kIds:
      for (const Hit& hit : result.hits) out << hit.article.id << "\n";
      break;
  }
}

}  // namespace gazette
