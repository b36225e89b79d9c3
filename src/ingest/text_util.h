// Small string helpers shared by the readers: trimming, line splitting, UTF-8
// repair, ASCII case folding. Private to src/ingest.
#ifndef GAZETTE_SRC_INGEST_TEXT_UTIL_H_
#define GAZETTE_SRC_INGEST_TEXT_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::internal {

// Without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);

// The lines of `text` split on '\n', each trimmed.
std::vector<std::string_view> SplitTrimmedLines(std::string_view text);

// Replaces each byte that is not part of valid UTF-8 with U+FFFD. Returns the
// number of bytes replaced (0: `text` is unchanged).
std::size_t RepairUtf8(std::string& text);

// Drops a byte-order mark, turns CRLF and CR into LF, and Unicode spaces
// (no-break, en, thin...) into ASCII spaces, so that rules and titles compare
// equal however the page spaced them. REQUIRES: valid UTF-8.
std::string NormaliseText(std::string_view text);

// Control characters other than tab and line breaks become spaces: they
// mean nothing in an article, and two of them are the snippets' highlight
// marks (kHighlightOpen, kHighlightClose).
void BlankControls(std::string& text);

// Runs of whitespace become one space; leading and trailing ones go.
std::string CollapseSpaces(std::string_view text);

// Each run of whitespace holding a line break becomes one space ("ends
// here.\n\nNext" reads "ends here. Next"); other runs stay as written.
// Taken by value: most texts have no line break and come back as they are.
std::string JoinLines(std::string text);

std::string ToLowerAscii(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

// Whitespace-separated words.
std::size_t CountWords(std::string_view s);
// CountWords(s) > n, reading no further than the (n+1)th word: the furniture
// rules ask it of every paragraph, most of which are long.
bool MoreWordsThan(std::string_view s, std::size_t n);

// True when two lines read the same: case, spacing and punctuation ignored
// (a repeated title, a breadcrumb naming the title).
bool SameText(std::string_view a, std::string_view b);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INGEST_TEXT_UTIL_H_
