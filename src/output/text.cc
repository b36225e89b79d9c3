// --format text: for people at a terminal. Each hit is a short block (title,
// where and when, who, an excerpt); totals, suggestion and facets follow.
#include <fmt/format.h>

#include "output/render.h"

namespace gazette::internal {
namespace {

constexpr std::string_view kBold = "\x1b[1m", kDim = "\x1b[2m", kReset = "\x1b[0m";
// Highlights stay visible without colour (pipes, --color never).
constexpr std::string_view kHighlightOn = "\x1b[1;33m", kPlainOpen = "*", kPlainClose = "*";

std::string Join(const std::vector<std::string>& names, std::size_t max) {
  std::string joined;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) joined += (i ? ", " : "") + names[i];
  if (names.size() > max) joined += fmt::format(" (+{} more)", names.size() - max);
  return joined;
}

void WriteHit(const Hit& hit, bool color, std::ostream& out) {
  const Article& a = hit.article;
  const std::string title = a.title.empty() ? a.id : a.title;
  out << fmt::format("{:>3}. {}{}{}\n", hit.rank, color ? kBold : "", title, color ? kReset : "");
  std::vector<std::string> where;
  if (a.published) where.push_back(a.published->IsoDate());
  if (!a.source.empty()) where.push_back(a.source);
  where.push_back(a.id);
  out << fmt::format("     {}{}{}\n", color ? kDim : "", fmt::join(where, " · "), color ? kReset : "");
  if (!hit.leaders.empty()) out << "     leaders: " << Join(hit.leaders, 6) << "\n";
  if (!hit.orgs.empty()) out << "     orgs: " << Join(hit.orgs, 6) << "\n";
  if (!hit.snippet.empty()) {
    out << "     "
        << (color ? RenderSnippet(hit.snippet, kHighlightOn, kReset)
                  : RenderSnippet(hit.snippet, kPlainOpen, kPlainClose))
        << "\n";
  }
  out << "\n";
}

std::string TotalLine(const SearchResult& result) {
  const std::string count = WithThousands(result.total);
  const std::string noun = result.total == 1 ? "match" : "matches";
  std::string line = result.total_exact ? fmt::format("{} {}", count, noun)
                                        : fmt::format("about {} {}", count, noun);
  if (!result.hits.empty() && (result.hits.size() < result.total || result.offset > 0))
    line += fmt::format(", showing {}-{}", result.hits.front().rank, result.hits.back().rank);
  return line;
}

}  // namespace

void WriteText(const SearchResult& result, const FormatOptions& options, std::ostream& out) {
  for (const Hit& hit : result.hits) WriteHit(hit, options.color, out);
  out << TotalLine(result) << "\n";
  if (!result.suggestion.empty()) {
    out << "Did you mean: " << (options.color ? kBold : "") << result.suggestion
        << (options.color ? kReset : "") << "\n";
  }
  WriteFacetTables(result, options.color, out);
}

}  // namespace gazette::internal
