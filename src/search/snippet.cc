// Snippets pick the passage with the most query terms and mark phrases as a
// whole, as Xapian's MSet::snippet does: PassagePicker (passage.h) makes the
// same passage at a third of the cost, and Xapian's own runs only for what
// that does not reproduce (wildcards), its HTML turned back into plain text
// so every formatter can style it its own way.
// No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of
// every hit's body, which cost 8 ms of a 9 ms top-10 search
// (docs/performance.md, "Search"), for a slightly better choice of passage.
// No SNIPPET_EXHAUSTIVE either: the search then stops at the first passage
// good enough, which halves the snippets' cost (1.1-2 ms per ten hits before).
// And the passage is looked for only in a window of the body around where
// the query's words cluster (found by a plain search, no tokenising): every
// word given is tokenised, which was half of a whole `gazette search`'s
// instructions (callgrind, docs/performance.md "Search").
#include "search/snippet.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gazette/schema.h"
#include "gazette/search.h"
#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

constexpr std::string_view kOmitted = "…";

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
    out += html[i];
  }
  return out;
}

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// What to look for in a body: a word the query names as written, or the
// stem of a stemmed one less its last letter (Snowball ends stems unlike the
// word: "countri" for "country"). English's exceptions "dying", "lying" and
// "tying" stem to "die", "lie", "tie": those stems look for "dy", "ly", "ty"
// too. Prefixed terms (title, entities) are not in the body.
std::vector<std::string> SnippetKeys(const Xapian::Query& query) {
  std::vector<std::string> keys;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    std::string term = *it;
    if (term.size() > 1 && term[0] == 'Z' && schema::IsUnprefixedWord(term.substr(1))) {
      term.erase(0, 1);
      if (term.size() == 3 && term.ends_with("ie")) keys.push_back(term.substr(0, 1) + "y");
      if (term.size() > 3) term.pop_back();
    } else if (!schema::IsUnprefixedWord(term)) {
      continue;
    }
    if (!term.empty()) keys.push_back(ToLowerAscii(term));
  }
  return keys;
}

// The first or last word of `text`, less the punctuation around it, and
// without highlight marks: what Xapian's passage and the window share when
// the passage runs to the window's edge.
std::string EdgeWord(std::string_view text, bool last) {
  std::string plain;
  for (char c : text)
    if (c != kHighlightOpen && c != kHighlightClose) plain += c;
  const std::size_t trimmed_end = plain.find_last_not_of(" \n\t");
  if (trimmed_end == std::string::npos) return "";
  plain.resize(trimmed_end + 1);
  const std::size_t trimmed_begin = plain.find_first_not_of(" \n\t");
  std::string_view word(plain);
  word.remove_prefix(trimmed_begin);
  if (last) {
    const std::size_t space = word.find_last_of(" \n\t");
    if (space != std::string_view::npos) word.remove_prefix(space + 1);
  } else {
    word = word.substr(0, word.find_first_of(" \n\t"));
  }
  while (!word.empty() && !IsWordByte(static_cast<unsigned char>(word.front())))
    word.remove_prefix(1);
  while (!word.empty() && !IsWordByte(static_cast<unsigned char>(word.back())))
    word.remove_suffix(1);
  return std::string(word);
}

// Stems only the words that could match one of the query's stemmed terms:
// those that start with a key. Xapian's snippet stems every word it is given,
// half of its cost; a word that starts with no key cannot stem to a query's
// term (each key begins its stem), so it comes back as it is and matches
// nothing, as its real stem would not.
class KeyedStemmer : public Xapian::StemImplementation {
 public:
  KeyedStemmer(const Xapian::Stem& stem, const std::vector<std::string>& keys)
      : stem_(stem), keys_(keys) {}
  // Called for every word of every window: compared in place, not lowered
  // into a copy first.
  std::string operator()(const std::string& word) override {
    for (const std::string& key : keys_)
      if (StartsWithIgnoreCase(word, key)) return stem_(word);
    return word;
  }
  std::string get_description() const override { return "keyed " + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
  std::vector<std::string> keys_;
};

// Calls `f` with each offset of `key` in `text` from `from` on, overlaps
// included, in order. Sixteen bytes at a time where SSE2 is (every x86-64):
// the offsets whose byte is the key's first and whose byte key-length
// further is its last, then a compare of the rest. A Boyer-Moore-Horspool
// search took twice as long on a 5-byte key, one dependent table read per
// step.
template <typename F>
void ForEachOccurrence(std::string_view text, std::string_view key, std::size_t from, F f) {
  const std::size_t n = text.size(), k = key.size();
  if (k == 0 || k > n) return;
  const char* const p = text.data();
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(key.front());
  const __m128i last = _mm_set1_epi8(key.back());
  for (; i + (k - 1) + 16 <= n; i += 16) {
    const __m128i starts = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i ends = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k - 1));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpeq_epi8(starts, first), _mm_cmpeq_epi8(ends, last))));
    for (; mask != 0; mask &= mask - 1) {
      const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(mask));
      if (k <= 2 || std::memcmp(p + at + 1, key.data() + 1, k - 2) == 0) f(at);
    }
  }
#endif
  for (; i + k <= n; ++i)
    if (std::memcmp(p + i, key.data(), k) == 0) f(i);
}

// A '.', '!' or '?' before a space or the end, or a line break.
bool IsSentenceEnd(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  return at + 1 == text.size() || text[at + 1] == ' ' || text[at + 1] == '\n';
}

}  // namespace

KeyCluster FindKeyCluster(std::string_view text, const std::vector<std::string>& keys,
                          std::size_t length) {
  // The body is lowered and searched a stretch at a time, growing, and the
  // search stops at the first passage-long stretch holding every key. A
  // one-word query's first occurrence is usually in the first stretch, so
  // most of the body is neither lowered nor searched (half the window's
  // cost on the bench).
  struct Occurrence {
    std::size_t offset;
    std::size_t key;
  };
  // Kept between calls: a search asks once per hit, and allocating these
  // anew each time (the lowered copy at the body's size) showed in a
  // search's instruction count.
  thread_local std::vector<Occurrence> found;
  thread_local std::vector<std::size_t> searched_from, in_window;
  thread_local std::string lower;
  found.clear();
  searched_from.assign(keys.size(), 0);
  lower.clear();
  bool anywhere = false;
  std::size_t best_start = 0, best_distinct = 0;
  for (std::size_t stretch = std::max<std::size_t>(8 * length, 1024);; stretch *= 4) {
    const std::size_t lowered = std::min(text.size(), stretch);
    const std::size_t from = lower.size();
    lower.append(text.substr(from, lowered - from));
    // Through a pointer and stored either way, so that the loop vectorises.
    char* const bytes = lower.data();
    for (std::size_t i = from; i < lowered; ++i)
      bytes[i] = bytes[i] >= 'A' && bytes[i] <= 'Z' ? static_cast<char>(bytes[i] + ('a' - 'A'))
                                                    : bytes[i];
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const std::string& key = keys[k];
      if (key.size() > lowered || searched_from[k] > lowered - key.size()) continue;
      ForEachOccurrence(std::string_view(lower).substr(0, lowered), key, searched_from[k],
                        [&](std::size_t offset) {
                          anywhere = true;
                          if (offset == 0 ||
                              !IsWordByte(static_cast<unsigned char>(lower[offset - 1])))
                            found.push_back({offset, k});
                        });
      // An occurrence starting after this runs past what is lowered yet.
      searched_from[k] = lowered - key.size() + 1;
    }
    std::sort(found.begin(), found.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.offset < b.offset; });
    // The passage-long stretch with the most different keys, the first of equals.
    best_distinct = 0;
    in_window.assign(keys.size(), 0);
    std::size_t distinct = 0;
    for (std::size_t first = 0, last = 0; first < found.size(); ++first) {
      for (; last < found.size() && found[last].offset < found[first].offset + length; ++last)
        if (in_window[found[last].key]++ == 0) ++distinct;
      if (distinct > best_distinct) {
        best_distinct = distinct;
        best_start = found[first].offset;
      }
      if (--in_window[found[first].key] == 0) --distinct;
    }
    // The first stretch holding every key is final: an earlier one reaching
    // past what is searched yet would hold this one's keys too.
    if (lowered == text.size() || best_distinct == keys.size()) break;
  }
  if (found.empty()) return KeyCluster{std::nullopt, anywhere};
  return KeyCluster{best_start, true};
}

SnippetWindow FindSnippetWindow(std::string_view text, const std::vector<std::string>& keys,
                                std::size_t length) {
  const SnippetWindow all{0, text.size(), false, false};
  // A window of a few passages: Xapian still picks the passage inside it.
  const std::size_t before = length / 4, after = length * 2;
  if (keys.empty() || text.size() <= before + after) return all;
  const KeyCluster cluster = FindKeyCluster(text, keys, length);
  if (!cluster.start) return SnippetWindow{0, text.size(), false, false, !cluster.anywhere};
  const std::size_t best_start = *cluster.start;
  SnippetWindow window{best_start > before ? best_start - before : 0,
                       std::min(text.size(), best_start + after), false, false};
  // Edges at sentence ends when one is near, so Xapian's "…" comes out as it
  // would over the whole body (none before a sentence's start or after its
  // end); else at a space, never inside a word or a UTF-8 sequence.
  if (window.begin > 0) {
    const std::size_t floor = window.begin > length / 2 ? window.begin - length / 2 : 0;
    std::size_t at = window.begin;
    while (at > floor && !IsSentenceEnd(text, at - 1)) --at;
    if (at > floor) {
      window.begin = std::min(window.end, text.find_first_not_of(" \n\t", at));
    } else {
      const std::size_t space = text.find_last_of(" \n\t", window.begin);
      window.begin = space == std::string_view::npos ? 0 : space + 1;
      window.cut_begin = window.begin > 0;
    }
  }
  if (window.end < text.size()) {
    const std::size_t ceiling = std::min(text.size(), window.end + length / 2);
    std::size_t at = window.end;
    while (at < ceiling && !IsSentenceEnd(text, at)) ++at;
    if (at < ceiling) {
      window.end = at + 1;
    } else {
      window.end = std::min(text.size(), text.find_first_of(" \n\t", window.end));
      window.cut_end = window.end < text.size();
    }
  }
  return window;
}

SnippetMaker::SnippetMaker(const Xapian::MSet& mset, const Xapian::Query& query,
                           const Xapian::Stem& stemmer, std::size_t length)
    : mset_(mset),
      length_(length),
      keys_(SnippetKeys(query)),
      stemmer_(new KeyedStemmer(stemmer, keys_)),
      picker_(PassagePicker::For(mset, query, stemmer, keys_)) {}

namespace {

// Whether Xapian's words could start with a key that a plain search of the
// ASCII-lowered text did not find: a word is lowered and joined by Unicode
// rules. Only these make the words differ from the text's bytes: "İ" and the
// Kelvin sign, whose lower case is ASCII; zero-width characters, which
// Xapian drops inside a word; "’" and "‛", which it reads as "'"; initials
// ("U.S." is the word "us"); and keys beyond ASCII, which ToLowerAscii does
// not lower. Any of them, and the body's words are tokenised after all.
bool MayHideKey(std::string_view text, const std::vector<std::string>& keys) {
  for (const std::string& key : keys)
    for (char c : key)
      if (static_cast<unsigned char>(c) >= 0x80 || c == '\'') return true;
  static constexpr std::string_view kHiding[] = {
      "\xC4\xB0",                                  // U+0130 İ
      "\xE2\x84\xAA",                              // U+212A Kelvin sign
      "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",  // zero-width space, non-joiner, joiner
      "\xE2\x81\xA0", "\xEF\xBB\xBF",              // word joiner, zero-width no-break space
  };
  for (std::string_view hiding : kHiding)
    if (text.find(hiding) != std::string_view::npos) return true;
  const auto upper = [&](std::size_t i) { return i < text.size() && text[i] >= 'A' && text[i] <= 'Z'; };
  // Initials hold a '.', rarer than letters: found by memchr, then looked at.
  for (std::size_t dot = text.find('.', 1); dot != std::string_view::npos;
       dot = text.find('.', dot + 1)) {
    std::size_t i = dot - 1;
    if (!(upper(i) && upper(i + 2))) continue;
    std::string initials;
    for (; upper(i); i += 2) {
      initials += static_cast<char>(text[i] + ('a' - 'A'));
      if (i + 1 >= text.size() || text[i + 1] != '.') break;
    }
    for (const std::string& key : keys)
      if (initials.starts_with(key)) return true;
    dot = i;  // on past these initials
  }
  return false;
}

// A text's first `length` bytes, cut after a word, "…" where it goes on
// mid-sentence: the snippet of an article none of whose words the query
// matches (a search by entity or date alone, a match in the title only).
// Xapian would show its last passage, often a byline or "READ MORE"; the
// opening says what the article is about, as Elasticsearch's no_match_size
// does.
std::string Opening(std::string_view text, std::size_t length) {
  text = Trim(text);
  if (text.size() <= length) return JoinLines(std::string(text));
  std::size_t cut = text.find_last_of(" \n\t", length);
  if (cut == std::string_view::npos || cut == 0) {
    // One word longer than the snippet: cut it at a character's start.
    cut = length;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  }
  std::string opening(Trim(text.substr(0, cut)));
  if (!IsSentenceEnd(opening, opening.size() - 1)) opening += kOmitted;
  return JoinLines(std::move(opening));
}

}  // namespace

std::string SnippetMaker::operator()(const Article& article) const {
  const std::string& text = article.body.empty() ? article.title : article.body;
  // No word of the query can match a body's word (keys are the words'
  // starts; wildcards leave picker_ empty).
  if (picker_ && keys_.empty()) return Opening(text, length_);
  const SnippetWindow window = FindSnippetWindow(text, keys_, length_);
  // A match in the title alone: no need to tokenise the body to learn so.
  if (picker_ && window.no_key && !MayHideKey(text, keys_)) return Opening(text, length_);
  const std::string_view shown = std::string_view(text).substr(window.begin,
                                                                window.end - window.begin);
  bool matched = false;
  std::string snippet = Passage(shown, &matched);
  if (!matched && shown.size() < text.size()) {
    // The window held a key but no match (a key is a word's start): the
    // rest of the body may still hold one.
    snippet = Passage(text, &matched);
    if (matched) return JoinLines(std::move(snippet));
  }
  if (!matched) return Opening(text, length_);
  // Xapian marks what it left out of the window, not what the window left
  // out of the body: that "…" is ours, and only where Xapian's passage runs
  // to an edge the window cut mid-sentence. A passage that ends at a sentence
  // end inside the window needs none.
  if (window.cut_begin && !snippet.starts_with(kOmitted) &&
      EdgeWord(snippet, false) == EdgeWord(shown, false))
    snippet.insert(0, kOmitted);
  if (window.cut_end && !snippet.ends_with(kOmitted) &&
      EdgeWord(snippet, true) == EdgeWord(shown, true))
    snippet += kOmitted;
  return JoinLines(std::move(snippet));  // a one-paragraph excerpt
}

std::string SnippetMaker::Passage(std::string_view text, bool* matched) const {
  if (picker_) return (*picker_)(text, length_, kHighlightOpen, kHighlightClose, kOmitted, matched);
  std::string snippet = UnescapeHtml(mset_.snippet(std::string(text), length_, stemmer_, 0,
                                                   std::string(1, kHighlightOpen),
                                                   std::string(1, kHighlightClose),
                                                   std::string(kOmitted)));
  *matched = snippet.find(kHighlightOpen) != std::string::npos;
  return snippet;
}

}  // namespace gazette::internal
