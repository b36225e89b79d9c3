// WriteSearchResult(): dispatch to one formatter per output format, and the
// helpers they share.
#include "gazette/format.h"

#include "output/render.h"

namespace gazette {
namespace internal {

std::string RenderSnippet(std::string_view snippet, std::string_view open, std::string_view close) {
  std::string out;
  out.reserve(snippet.size() + 16);
  for (char c : snippet) {
    if (c == kHighlightOpen) out += open;
    else if (c == kHighlightClose) out += close;
    else out += c;
  }
  return out;
}

std::pair<std::string, std::vector<std::pair<std::size_t, std::size_t>>> SplitHighlights(
    std::string_view snippet) {
  std::pair<std::string, std::vector<std::pair<std::size_t, std::size_t>>> split;
  auto& [text, ranges] = split;
  for (char c : snippet) {
    if (c == kHighlightOpen) ranges.emplace_back(text.size(), text.size());
    else if (c == kHighlightClose && !ranges.empty()) ranges.back().second = text.size();
    else text += c;
  }
  return split;
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;  // count lead bytes only
  return width;
}

std::string WithThousands(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace internal

void WriteSearchResult(const SearchResult& result, const FormatOptions& options,
                       std::ostream& out) {
  switch (options.format) {
    case OutputFormat::kText: internal::WriteText(result, options, out); break;
    case OutputFormat::kJson: internal::WriteJson(result, out); break;
    case OutputFormat::kJsonl: internal::WriteJsonLines(result, out); break;
    case OutputFormat::kIds:
      for (const Hit& hit : result.hits) out << hit.article.id << "\n";
      break;
  }
}

}  // namespace gazette
