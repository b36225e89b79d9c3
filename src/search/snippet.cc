// Snippets come from Xapian's MSet::snippet, which picks the passage with the
// most query terms and marks phrases as a whole; it returns HTML, which we
// turn back into plain text so every formatter can style it its own way.
// No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of
// every hit's body, which cost 8 ms of a 9 ms top-10 search
// (docs/performance.md, "Search"), for a slightly better choice of passage.
// No SNIPPET_EXHAUSTIVE either: Xapian then stops at the first passage good
// enough, which halves the snippets' cost (1.1-2 ms per ten hits before).
#include "search/snippet.h"

#include <utility>

#include "gazette/search.h"

namespace gazette::internal {
namespace {

std::string UnescapeHtml(std::string_view html) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '&') {
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
    // Paragraph breaks read as spaces in a one-paragraph excerpt.
    out += html[i] == '\n' ? ' ' : html[i];
  }
  return out;
}

}  // namespace

std::string MakeSnippet(const Xapian::MSet& mset, const Article& article,
                        const Xapian::Stem& stemmer, std::size_t length) {
  const std::string& text = article.body.empty() ? article.title : article.body;
  const std::string html =
      mset.snippet(text, length, stemmer,
                   0,
                   std::string(1, kHighlightOpen), std::string(1, kHighlightClose), "…");
  return UnescapeHtml(html);
}

}  // namespace gazette::internal
