// Pieces shared by the formatters.
#ifndef GAZETTE_OUTPUT_RENDER_H_
#define GAZETTE_OUTPUT_RENDER_H_

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gazette/format.h"
#include "gazette/search.h"

namespace gazette::internal {

// A snippet with its highlight markers replaced by `open` and `close`.
std::string RenderSnippet(std::string_view snippet, std::string_view open, std::string_view close);

// The snippet without markers, and the [begin, end) byte ranges that were
// highlighted in it.
std::pair<std::string, std::vector<std::pair<std::size_t, std::size_t>>> SplitHighlights(
    std::string_view snippet);

// Terminal columns `text` takes: one per code point (news text has no
// double-width characters worth the cost of wcwidth tables).
std::size_t DisplayWidth(std::string_view text);

// 1234567 -> "1,234,567".
std::string WithThousands(std::uint64_t n);

// Facets as aligned tables with a bar per count.
void WriteFacetTables(const SearchResult& result, bool color, std::ostream& out);

void WriteText(const SearchResult& result, const FormatOptions& options, std::ostream& out);
void WriteJson(const SearchResult& result, std::ostream& out);
void WriteJsonLines(const SearchResult& result, std::ostream& out);

}  // namespace gazette::internal

#endif  // GAZETTE_OUTPUT_RENDER_H_
