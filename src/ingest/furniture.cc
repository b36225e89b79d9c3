// Page furniture rules. Each rule describes a kind of line (a share bar, a
// promotion, a breadcrumb trail), never one site's exact strings, so new sites
// are cleaned too; rules stay narrow so that prose is never dropped.
#include "ingest/furniture.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

// Furniture lines are short; a longer line is prose whatever it starts with.
constexpr std::size_t kMaxFurnitureWords = 25;
// Labels above a furniture block at the top of a page ("English News").
constexpr std::size_t kMaxMastheadWords = 3;
// A breadcrumb item before the last (the last may be the whole title).
constexpr std::size_t kMaxCrumbWords = 4;

// Word tables read best packed.
// clang-format off
// Whole lines (lower case, trailing punctuation ignored).
constexpr std::string_view kFurniturePhrases[] = {
    "advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
    "popular right now", "popular now", "trending", "trending now", "most read", "most popular",
    "most viewed", "top stories", "latest news", "latest stories", "related", "related articles",
    "related stories", "related news", "related content", "recommended", "recommended for you",
    "you may also like", "you might also like", "more stories", "more news", "comments",
    "leave a comment", "skip to content", "skip to main content", "back to top", "menu",
    "story continues below advertisement", "continue reading", "loading", "print this page",
    "all rights reserved", "copy link"};

// Headings of the teaser lists pages append ("Popular Right Now" and a list of
// other headlines): the list under them is furniture too.
constexpr std::string_view kTeaserHeadings[] = {
    "popular right now", "popular now", "trending", "trending now", "most read", "most popular",
    "most viewed", "top stories", "latest news", "latest stories", "related", "related articles",
    "related stories", "related news", "related content", "recommended", "recommended for you",
    "you may also like", "you might also like", "more stories", "more news", "read more",
    "also read", "see also"};

// Line openings that announce furniture: links to other articles, taxonomy,
// sharing, legal lines.
constexpr std::string_view kFurniturePrefixes[] = {
    "read more", "read also", "also read", "see also", "more from", "related:",
    "recommended:", "categories", "category:", "tags:", "tagged:", "tagged with", "filed under",
    "topics:", "follow us", "share on", "share via", "share this", "subscribe to",
    "sign up for", "click here", "copyright", "\xc2\xa9", "(c) "};

// Words a share or follow bar is made of.
constexpr std::string_view kSocialWords[] = {
    "facebook", "twitter", "youtube", "instagram", "linkedin", "whatsapp", "telegram",
    "reddit", "pinterest", "tiktok", "vk", "weibo", "wechat", "flipboard", "pocket",
    "messenger", "rss", "email", "e-mail", "mail", "print", "share", "tweet", "copy", "link",
    "follow", "us", "on", "subscribe", "and", "via", "by", "x", "comment", "comments", "the",
    "article"};
// At least one of these must appear: "on us" alone is not a share bar.
constexpr std::string_view kSocialAnchors[] = {
    "facebook", "twitter", "youtube", "instagram", "linkedin", "whatsapp", "telegram",
    "reddit", "pinterest", "tiktok", "vk", "weibo", "wechat", "flipboard", "share", "tweet",
    "follow", "rss"};

// The first crumb of a breadcrumb trail: the site's root.
constexpr std::string_view kRootCrumbs[] = {"home", "homepage", "home page", "start", "main"};

// Credits that mark a caption: "(Image courtesy: ...)", "(AP Photo/...)".
constexpr std::string_view kCreditWords[] = {"photo", "image", "picture", "courtesy", "credit",
                                             "getty", "file pic", "pic:", "video grab"};

// clang-format on

template <std::size_t N>
bool InList(std::string_view word, const std::string_view (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list),
                     [&](std::string_view w) { return EqualsIgnoreCase(word, w); });
}

// Bullets and list marks a page puts before a line: "•", "-", "*", "·", "▪".
std::string_view StripBullet(std::string_view line) {
  for (;;) {
    if (!line.empty() && (line[0] == '-' || line[0] == '*' || line[0] == '>')) {
      line.remove_prefix(1);
    } else if (line.substr(0, 3) == "\xe2\x80\xa2" || line.substr(0, 3) == "\xe2\x96\xaa") {
      line.remove_prefix(3);  // U+2022 bullet, U+25AA small square
    } else if (line.substr(0, 2) == "\xc2\xb7") {
      line.remove_prefix(2);  // U+00B7 middle dot
    } else {
      return Trim(line);
    }
    line = Trim(line);
  }
}

// Without trailing punctuation, colons and ellipses ("READ MORE…").
std::string_view StripTrailingPunctuation(std::string_view s) {
  for (;;) {
    s = Trim(s);
    if (!s.empty() && std::string_view(".:;,!?>|-").find(s.back()) != std::string_view::npos) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xe2\x80\xa6") {
      s.remove_suffix(3);  // U+2026 ellipsis
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xc2\xbb") {
      s.remove_suffix(2);  // U+00BB »
    } else {
      return s;
    }
  }
}

bool ContainsIgnoreCase(std::string_view text, std::string_view lower_needle) {
  return std::search(text.begin(), text.end(), lower_needle.begin(), lower_needle.end(),
                     [](char a, char b) {
                       return std::tolower(static_cast<unsigned char>(a)) == b;
                     }) != text.end();
}

bool IsPhrase(std::string_view line) {
  return InList(StripTrailingPunctuation(line), kFurniturePhrases);
}

bool HasFurniturePrefix(std::string_view line) {
  for (std::string_view prefix : kFurniturePrefixes) {
    if (!StartsWithIgnoreCase(line, prefix)) continue;
    const std::string_view rest = Trim(line.substr(prefix.size()));
    // "Also Read: <title>" is a link; "Read more about it in..." ending in a
    // full stop is a sentence. A word prefix must end at a word boundary.
    if (prefix.back() != ':' && prefix.back() != ' ' && line.size() > prefix.size() &&
        std::isalpha(static_cast<unsigned char>(line[prefix.size()])))
      continue;
    if (rest.empty() || rest[0] == ':' || rest.substr(0, 3) == "\xe2\x80\xa6") return true;
    if (line.back() != '.' && !MoreWordsThan(line, 12)) return true;
  }
  return false;
}

// Splits on spaces and the separators share bars use.
std::vector<std::string_view> SocialTokens(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  auto is_separator = [](char c) {
    return c == ' ' || c == '|' || c == '/' || c == ',' || c == '\t';
  };
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || is_separator(line[i])) {
      if (i > start) words.push_back(StripBullet(line.substr(start, i - start)));
      start = i + 1;
    }
  }
  return words;
}

bool IsShareLine(std::string_view line) {
  const std::vector<std::string_view> words = SocialTokens(line);
  if (words.empty() || words.size() > 10) return false;
  bool anchored = false;
  for (std::string_view word : words) {
    word = StripTrailingPunctuation(word);
    if (word.empty()) continue;
    if (!InList(word, kSocialWords)) return false;
    anchored = anchored || InList(word, kSocialAnchors);
  }
  return anchored;
}

// Splits "Home > World > Asia" on its separators; empty unless at least two
// parts.
std::vector<std::string_view> SplitCrumbs(std::string_view line) {
  static constexpr std::string_view kSeparators[] = {" > ", " \xc2\xbb ", " \xe2\x80\xba ", " / ",
                                                     " | "};
  for (std::string_view sep : kSeparators) {
    if (line.find(sep) == std::string_view::npos) continue;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
      const std::size_t at = line.find(sep, start);
      parts.push_back(Trim(line.substr(start, at == std::string_view::npos ? at : at - start)));
      if (at == std::string_view::npos) break;
      start = at + sep.size();
    }
    return parts;
  }
  return {};
}

// "1. Home", "2) World": the item text of a numbered list line, or empty.
std::string_view NumberedItem(std::string_view line, int* number = nullptr) {
  std::size_t digits = 0;
  while (digits < line.size() && digits < 3 &&
         std::isdigit(static_cast<unsigned char>(line[digits])))
    ++digits;
  if (digits == 0 || digits >= line.size() || (line[digits] != '.' && line[digits] != ')'))
    return {};
  if (digits + 1 < line.size() && line[digits + 1] != ' ') return {};
  if (number) *number = std::stoi(std::string(line.substr(0, digits)));
  return Trim(line.substr(digits + 1));
}

bool IsRootCrumb(std::string_view crumb) {
  return InList(StripTrailingPunctuation(crumb), kRootCrumbs);
}

// "Home > World > Asia", "World / Europe / Russia" or "1. Home 2. World 3. Asia"
// on one line. Without the root crumb, three or more section names are needed.
bool IsInlineBreadcrumb(std::string_view line) {
  const std::vector<std::string_view> crumbs = SplitCrumbs(line);
  auto is_section = [](std::string_view c) {
    return !c.empty() && !MoreWordsThan(c, kMaxCrumbWords) && c.back() != '.';
  };
  if (crumbs.size() >= 2 && IsRootCrumb(crumbs.front()) &&
      std::all_of(crumbs.begin(), crumbs.end() - 1, is_section))
    return true;
  if (crumbs.size() >= 3 && std::all_of(crumbs.begin(), crumbs.end(), is_section)) return true;
  int number = 0;
  const std::string_view item = NumberedItem(line, &number);
  if (number != 1) return false;
  // "1. Home" alone, or "1. Home 2. World ..." run together.
  const std::size_t first_word_end = item.find(' ');
  const std::string_view first = item.substr(0, first_word_end);
  if (!IsRootCrumb(first)) return false;
  return first_word_end == std::string_view::npos ||
         NumberedItem(Trim(item.substr(first_word_end))).size() > 0;
}

// Marks numbered lists whose first item is the site root: breadcrumbs, whose
// last item is often the title itself.
void MarkNumberedBreadcrumbs(const std::vector<std::string_view>& lines, std::vector<bool>& marks) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = 0;
    const std::string_view first = NumberedItem(lines[i], &number);
    if (number != 1 || !IsRootCrumb(first)) continue;
    std::size_t end = i + 1;
    int expected = 2;
    while (end < lines.size()) {
      int n = 0;
      const std::string_view item = NumberedItem(lines[end], &n);
      if (item.empty() || n != expected) break;
      ++expected;
      ++end;
    }
    // Every crumb but the last is a short section name.
    bool short_crumbs = true;
    for (std::size_t k = i; k + 1 < end; ++k)
      short_crumbs = short_crumbs && !MoreWordsThan(NumberedItem(lines[k]), kMaxCrumbWords);
    if (!short_crumbs) continue;
    for (std::size_t k = i; k < end; ++k) marks[k] = true;
    i = end - 1;
  }
}

// "- Headline", "• Headline", "1. Headline": one item of a list.
bool IsListItem(std::string_view line) {
  return !line.empty() && (StripBullet(line).size() < line.size() || !NumberedItem(line).empty());
}

// Marks the list under a teaser heading, blank lines between them allowed.
void MarkTeaserLists(const std::vector<std::string_view>& lines, std::vector<bool>& marks) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!InList(StripTrailingPunctuation(StripBullet(lines[i])), kTeaserHeadings)) continue;
    std::size_t k = i + 1;
    while (k < lines.size() && lines[k].empty()) ++k;
    for (; k < lines.size() && IsListItem(lines[k]); ++k) marks[k] = true;
  }
}

// A label above the top furniture block: few words, no sentence punctuation.
bool IsMastheadLabel(std::string_view line) {
  if (line.empty() || MoreWordsThan(line, kMaxMastheadWords)) return false;
  return std::string_view(".!?\"").find(line.back()) == std::string_view::npos;
}

// Above the first furniture line at the top of a page, short labels are the
// masthead or section name ("English News"), not the article.
void MarkMasthead(const std::vector<std::string_view>& lines, std::vector<bool>& marks) {
  std::size_t last_furniture = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (marks[i]) {
      last_furniture = i;
      continue;
    }
    if (!lines[i].empty() && !IsMastheadLabel(lines[i])) break;
  }
  if (last_furniture == lines.size()) return;
  for (std::size_t i = 0; i < last_furniture; ++i) marks[i] = marks[i] || !lines[i].empty();
}

}  // namespace

bool IsFurnitureLine(std::string_view line) {
  line = Trim(line);
  if (line.empty() || MoreWordsThan(line, kMaxFurnitureWords)) return false;
  const std::string_view bare = StripBullet(line);
  if (bare.empty()) return false;
  return IsPhrase(bare) || HasFurniturePrefix(bare) || IsShareLine(bare) ||
         IsInlineBreadcrumb(bare) || ContainsIgnoreCase(bare, "all rights reserved");
}

std::vector<bool> MarkFurniture(const std::vector<std::string_view>& lines) {
  std::vector<bool> marks(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) marks[i] = IsFurnitureLine(lines[i]);
  MarkNumberedBreadcrumbs(lines, marks);
  MarkTeaserLists(lines, marks);
  MarkMasthead(lines, marks);
  return marks;
}

bool IsImageCaption(std::string_view line) {
  line = Trim(line);
  for (std::string_view opening : {"photo:", "image:", "picture:", "file photo", "caption:"}) {
    if (StartsWithIgnoreCase(line, opening)) return true;
  }
  if (line.empty() || line.back() != ')') return false;
  const std::size_t open = line.rfind('(');
  if (open == std::string_view::npos) return false;
  const std::string credit = ToLowerAscii(line.substr(open));
  return std::any_of(std::begin(kCreditWords), std::end(kCreditWords),
                     [&](std::string_view w) { return credit.find(w) != std::string::npos; });
}

bool IsByline(std::string_view line, std::string_view source) {
  line = Trim(line);
  if (line.empty() || line.back() == '.' || MoreWordsThan(line, 12)) return false;
  for (std::string_view opening : {"by ", "reporting by ", "writing by ", "editing by ",
                                   "additional reporting by ", "compiled by "}) {
    if (StartsWithIgnoreCase(line, opening) && line.size() > opening.size() &&
        std::isupper(static_cast<unsigned char>(line[opening.size()])))
      return true;
  }
  if (source.empty() || MoreWordsThan(line, 6)) return false;
  // "China Daily", "Editorial, China Daily", "China Daily staff".
  if (SameText(line, source)) return true;
  const std::size_t comma = line.rfind(", ");
  return comma != std::string_view::npos && SameText(line.substr(comma + 2), source);
}

std::optional<OutletAndTitle> SplitOutletTitle(std::string_view line, bool allow_dashes) {
  static constexpr std::string_view kSeparators[] = {" | ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
                                                     " - "};
  for (std::string_view sep : kSeparators) {
    if (!allow_dashes && sep != " | ") continue;
    const std::size_t at = line.find(sep);
    if (at == std::string_view::npos || line.find(sep, at + 1) != std::string_view::npos) continue;
    const std::string_view left = Trim(line.substr(0, at));
    const std::string_view right = Trim(line.substr(at + sep.size()));
    const std::size_t left_words = CountWords(left), right_words = CountWords(right);
    if (left_words == 0 || right_words == 0) continue;
    if (left_words <= 4 && right_words > left_words + 1)
      return OutletAndTitle{std::string(left), std::string(right)};
    if (right_words <= 4 && left_words > right_words + 1)
      return OutletAndTitle{std::string(right), std::string(left)};
  }
  return std::nullopt;
}

}  // namespace gazette::internal
