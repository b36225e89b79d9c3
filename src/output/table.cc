// Facets as aligned tables: name, count, and a bar scaled to the busiest
// value, so the shape of a facet reads at a glance.
#include <fmt/format.h>

#include <algorithm>

#include "output/render.h"

namespace gazette::internal {
namespace {

constexpr std::size_t kBarWidth = 30;
constexpr std::size_t kMaxNameWidth = 40;

std::string Heading(std::string_view facet) {
  if (facet == "leader") return "Leaders";
  if (facet == "person") return "People";
  if (facet == "org") return "Organizations";
  if (facet == "place") return "Places";
  if (facet == "source") return "Sources";
  if (facet == "year") return "Years";
  if (facet == "month") return "Months";
  return std::string(facet);
}

// Cuts over-long names with an ellipsis, on a code point boundary.
std::string Fit(const std::string& text, std::size_t width) {
  if (DisplayWidth(text) <= width) return text;
  std::string out;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool lead = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (lead && ++columns > width - 1) break;
    out += text[i];
  }
  return out + "…";
}

std::string Bar(std::uint64_t count, std::uint64_t busiest) {
  // At least one block for any count, so no listed value looks like zero.
  const std::size_t blocks = std::max<std::size_t>(1, count * kBarWidth / std::max<std::uint64_t>(1, busiest));
  std::string bar;
  for (std::size_t i = 0; i < blocks; ++i) bar += "█";
  return bar;
}

}  // namespace

void WriteFacetTables(const SearchResult& result, bool color, std::ostream& out) {
  for (const auto& [name, entries] : result.facets) {
    out << "\n" << (color ? "\x1b[1m" : "") << Heading(name) << (color ? "\x1b[0m" : "") << "\n";
    if (entries.empty()) {
      out << "  (none)\n";
      continue;
    }
    std::size_t name_width = 0, count_width = 0;
    std::uint64_t busiest = 0;
    for (const FacetEntry& e : entries) {
      name_width = std::max(name_width, DisplayWidth(Fit(e.value, kMaxNameWidth)));
      count_width = std::max(count_width, WithThousands(e.count).size());
      busiest = std::max(busiest, e.count);
    }
    for (const FacetEntry& e : entries) {
      const std::string label = Fit(e.value, kMaxNameWidth);
      const std::string padding(name_width - DisplayWidth(label), ' ');
      out << fmt::format("  {}{}  {:>{}}  {}{}{}\n", label, padding, WithThousands(e.count),
                         count_width, color ? "\x1b[36m" : "", Bar(e.count, busiest),
                         color ? "\x1b[0m" : "");
    }
  }
}

}  // namespace gazette::internal
