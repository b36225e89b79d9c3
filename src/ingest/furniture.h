// Page furniture: the navigation, sharing and promotion lines that scraped
// articles carry around their text. General rules, one table-driven test
// (tests/unit/furniture_test.cc); docs/formats.md lists them for users.
#ifndef GAZETTE_SRC_INGEST_FURNITURE_H_
#define GAZETTE_SRC_INGEST_FURNITURE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::internal {

// True for a line that is furniture on its own, wherever it stands: share and
// follow lines, "Advertisement", "READ MORE…", "Also Read: …", "Categories …",
// "Popular Right Now", copyright lines, breadcrumb trails ("Home > World").
// `line` is trimmed.
bool IsFurnitureLine(std::string_view line);

// Marks the furniture among an article's trimmed lines, adding the rules that
// need context to IsFurnitureLine(): numbered breadcrumb lists ("1. Home",
// "2. World", ... "4. <the title>"), the list of headlines under a teaser
// heading ("Popular Right Now", "Most read"), and the short masthead labels
// above a furniture block at the top ("English News", a stray "scorecard").
// Returns one flag per line.
std::vector<bool> MarkFurniture(const std::vector<std::string_view>& lines);

// An image caption: ends with a credit in parentheses ("(Image courtesy:
// Kremlin)", "(AP Photo/...)") or starts with "Photo:". It stays in the body
// but is never a title.
bool IsImageCaption(std::string_view line);

// A byline or signature (at most 12 words, no full stop): "By Jane Doe,
// Correspondent", "Reporting by ...", or a short line
// naming the outlet ("Editorial, China Daily") when `source` is known.
bool IsByline(std::string_view line, std::string_view source);

struct OutletAndTitle {
  std::string source;
  std::string title;
};

// "China Daily | Title" or "Title | China Daily": the short side (at most four
// words, the other side at least two words longer) is the outlet. With
// `allow_dashes` (an HTML <title>, where "Title - Outlet" is the custom), " - ",
// " – " and " — " separate too. nullopt when no side is clearly an outlet.
std::optional<OutletAndTitle> SplitOutletTitle(std::string_view line, bool allow_dashes);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INGEST_FURNITURE_H_
