// Follows Xapian 1.4.22's queryparser/termgenerator_internal.cc (parse_terms,
// SnipPipe, the snippet's punctuation checks, check_query,
// MSet::Internal::snippet) step for step, floating-point order included, so
// that the passage chosen and its marks stay Xapian's. Where it departs: a word that starts with no key is
// neither lowercased into a lookup nor stemmed (it cannot match), ASCII is
// classified from a table, and the output is plain text, not HTML.
#include "search/passage.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>
#include <utility>

namespace gazette::internal {
namespace {

constexpr std::size_t kMaxWordLength = 64;  // Xapian's snippet skips longer words
constexpr double kDecay = 2.0;
constexpr unsigned kIgnore = std::numeric_limits<unsigned>::max();

// Xapian's own answers for ASCII, read once at start rather than per call.
struct AsciiClass {
  std::array<bool, 128> wordchar{};
  AsciiClass() {
    for (unsigned c = 0; c < 128; ++c) wordchar[c] = Xapian::Unicode::is_wordchar(c);
  }
};
const AsciiClass kAscii;

inline bool IsWordchar(unsigned ch) {
  return ch < 128 ? kAscii.wordchar[ch] : Xapian::Unicode::is_wordchar(ch);
}

inline bool IsAsciiWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 128 && kAscii.wordchar[byte];
}

struct Char {
  unsigned ch;
  std::size_t next;  // offset just after it
};

[[gnu::noinline]] Char AtMultibyte(std::string_view text, std::size_t at) {
  Xapian::Utf8Iterator it;  // assigned, not constructed: every member set
  it.assign(text.data() + at, text.size() - at);
  const unsigned ch = *it;
  ++it;
  return {ch, static_cast<std::size_t>(it.raw() - text.data())};
}

// Decoded as Xapian's Utf8Iterator does, invalid bytes included.
inline Char At(std::string_view text, std::size_t at) {
  const auto byte = static_cast<unsigned char>(text[at]);
  if (byte < 0x80) return {byte, at + 1};
  return AtMultibyte(text, at);
}

inline unsigned CheckWordchar(unsigned ch) {
  if (ch < 128) return kAscii.wordchar[ch] ? (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) : 0;
  return Xapian::Unicode::is_wordchar(ch) ? Xapian::Unicode::tolower(ch) : 0;
}

bool IsAsciiUpper(unsigned ch) { return ch >= 'A' && ch <= 'Z'; }

bool IsDigit(unsigned ch) {
  if (ch < 128) return ch >= '0' && ch <= '9';
  return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

unsigned CheckInfix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

unsigned CheckInfixDigit(unsigned ch) {
  switch (ch) {
    case ',': case '.': case ';': case 0x037e: case 0x0589: case 0x060D: case 0x07F8:
    case 0x2044: case 0xFE10: case 0xFE13: case 0xFE14:
      return ch;
  }
  if (ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff)) return kIgnore;
  return 0;
}

unsigned CheckSuffix(unsigned ch) { return ch == '+' || ch == '#' ? ch : 0; }

inline void AppendUtf8(std::string& out, unsigned ch) {
  if (ch < 128) {
    out += static_cast<char>(ch);
  } else {
    Xapian::Unicode::append_utf8(out, ch);
  }
}

// Xapian's snippet_check_leading_nonwordchar and _trailing_: marks kept
// before the passage's first word and after its last.
bool IsLeadingMark(unsigned ch) {
  const auto category = Xapian::Unicode::get_category(ch);
  if (Xapian::Unicode::is_currency(ch) || category == Xapian::Unicode::OPEN_PUNCTUATION ||
      category == Xapian::Unicode::INITIAL_QUOTE_PUNCTUATION)
    return true;
  switch (ch) {
    case '"': case '#': case '%': case '&': case '\'': case '+': case '-': case '/': case '<':
    case '@': case '\\': case '`': case '~': case 0x00A1: case 0x00A7: case 0x00BF:
      return true;
  }
  return false;
}

bool IsTrailingMark(unsigned ch) {
  const auto category = Xapian::Unicode::get_category(ch);
  if (Xapian::Unicode::is_currency(ch) || category == Xapian::Unicode::CLOSE_PUNCTUATION ||
      category == Xapian::Unicode::FINAL_QUOTE_PUNCTUATION)
    return true;
  switch (ch) {
    case '"': case '%': case '\'': case '+': case '-': case '/': case '>': case '@': case '\\':
    case '`': case '~':
      return true;
  }
  return false;
}

// Xapian's parse_terms without CJK n-grams: calls `take(term, end)` with each
// word, lowercased, and the offset just past it, until `take` says stop.
template <typename Take>
void ParseTerms(std::string_view text, Take take) {
  const std::size_t n = text.size();
  std::size_t at = 0;
  std::string term;
  while (true) {
    unsigned ch;
    while (true) {
      if (at == n) return;
      const Char c = At(text, at);
      ch = CheckWordchar(c.ch);
      if (ch) break;
      at = c.next;
    }
    term.clear();
    // Initials separated by '.' (U.N., P.T.O.) make one word.
    if (IsAsciiUpper(static_cast<unsigned char>(text[at]))) {
      std::size_t p = at;
      do {
        const Char c = At(text, p);
        AppendUtf8(term, Xapian::Unicode::tolower(c.ch));
        p = c.next;
      } while (p != n && text[p] == '.' && ++p != n &&
               IsAsciiUpper(static_cast<unsigned char>(text[p])));
      if (term.size() > 1 && (p == n || !IsWordchar(At(text, p).ch))) {
        at = p;
        goto end_of_term;
      }
      term.clear();
    }
    while (true) {
      unsigned previous;
      Char current = At(text, at);
      do {
        if (current.ch < 128) {
          // Most words are runs of ASCII letters: copied, then lowered.
          std::size_t end = at + 1;
          while (end < n && IsAsciiWordByte(text[end])) ++end;
          const std::size_t from = term.size();
          term.append(text.data() + at, end - at);
          for (std::size_t i = from; i < term.size(); ++i)
            if (term[i] >= 'A' && term[i] <= 'Z') term[i] = static_cast<char>(term[i] + 32);
          previous = static_cast<unsigned char>(term.back());
          at = end;
        } else {
          AppendUtf8(term, ch);
          previous = ch;
          at = current.next;
        }
        if (at == n) goto end_of_term;
        current = At(text, at);
        ch = CheckWordchar(current.ch);
      } while (ch);
      const Char infix = current;
      const std::size_t next = infix.next;
      if (next == n) break;
      const Char after = At(text, next);
      const unsigned next_ch = CheckWordchar(after.ch);
      if (!next_ch) break;
      const unsigned kept = IsDigit(previous) && IsDigit(after.ch) ? CheckInfixDigit(infix.ch)
                                                                   : CheckInfix(infix.ch);
      if (!kept) break;
      if (kept != kIgnore) AppendUtf8(term, kept);
      ch = next_ch;
      at = next;
    }
    {
      const std::size_t length = term.size();
      unsigned count = 0;
      while (true) {
        const Char c = At(text, at);
        if (!(ch = CheckSuffix(c.ch))) break;
        if (++count > 3) {
          term.resize(length);
          break;
        }
        AppendUtf8(term, ch);
        at = c.next;
        if (at == n) goto end_of_term;
      }
      // "fish+chips" is not "fish+" and "chips".
      if (IsWordchar(At(text, at).ch)) term.resize(length);
    }
  end_of_term:
    if (!take(std::string_view(term), at)) return;
  }
}

// The words of a passage, first in first out. A vector whose front moves:
// std::deque allocated more per snippet than the words it held cost.
template <typename T>
class Queue {
 public:
  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  T& operator[](std::size_t i) { return items_[head_ + i]; }
  T& front() { return items_[head_]; }
  T& back() { return items_.back(); }
  void push_back(const T& item) { items_.push_back(item); }
  void pop_front() {
    if (++head_ == items_.size()) clear();
  }
  void pop_back() { items_.pop_back(); }
  void clear() {
    items_.clear();
    head_ = 0;
  }
  void reserve(std::size_t n) { items_.reserve(n); }
  void swap(Queue& other) {
    items_.swap(other.items_);
    std::swap(head_, other.head_);
  }

 private:
  std::vector<T> items_;
  std::size_t head_ = 0;
};

// Xapian's SnipPipe; a word's relevance is an index into the caller's
// relevance array (-1 for none) rather than a pointer.
class Pipe {
 public:
  Pipe(std::size_t length, std::vector<double>& relevance)
      : length_(length + 1), relevance_(relevance) {
    // A window's words, most snippets: no growing on the way.
    pipe_.reserve(256);
    best_pipe_.reserve(64);
  }

  bool Pump(int r, std::size_t term_end, std::size_t highlight) {
    if (highlight > 1) {
      if (pipe_.size() >= highlight - 1) {
        // The phrase's last word is in: its relevance moves onto its first
        // word, to leave the sum when the phrase starts to leave the window.
        Word& phrase_start = pipe_[pipe_.size() - (highlight - 1)];
        if (phrase_start.relevance >= 0) {
          relevance_[phrase_start.relevance] *= kDecay;
          sum_ -= relevance_[phrase_start.relevance];
        }
        sum_ += relevance_[r];
        phrase_start.relevance = r;
        phrase_start.highlight = highlight;
        relevance_[r] /= kDecay;
      }
      r = -1;
      highlight = 0;
    }
    pipe_.push_back({r, term_end, highlight});
    if (r >= 0) {
      sum_ += relevance_[r];
      relevance_[r] /= kDecay;
    }
    while (term_end - begin_ > length_) {
      const Word word = pipe_.front();  // a copy: pushing may move the vector
      if (word.relevance >= 0) {
        relevance_[word.relevance] *= kDecay;
        sum_ -= relevance_[word.relevance];
      }
      begin_ = word.term_end;
      if (best_end_ >= begin_) best_pipe_.push_back(word);
      pipe_.pop_front();
      if (pipe_.empty()) break;
    }
    if (sum_ >= best_sum_) {
      if (begin_ >= best_end_) {
        best_pipe_.clear();
      } else {
        while (!best_pipe_.empty() && best_pipe_.front().term_end <= begin_) best_pipe_.pop_front();
      }
      best_sum_ = sum_;
      best_begin_ = begin_;
      best_end_ = term_end;
    } else if (best_sum_ > 0 && best_end_ < begin_) {
      return false;  // found something, and no longer near it
    }
    return true;
  }

  void Done() {
    if (begin_ >= best_end_) {
      pipe_.clear();
    } else {
      while (!pipe_.empty() && pipe_.back().term_end > best_end_) pipe_.pop_back();
    }
  }

  // One word of the passage into `out`; false once the passage is out.
  bool Drain(std::string_view input, char open, char close, std::string_view omit,
             std::string& out) {
    if (best_pipe_.empty() && !pipe_.empty()) best_pipe_.swap(pipe_);
    if (best_pipe_.empty()) {
      if (input.size() == best_end_) return false;
      // The sentence's end punctuation if it ends here.
      bool sentence_end = false;
      std::size_t i = best_end_;
      while (i < input.size()) {
        const Char c = At(input, i);
        if (sentence_end && Xapian::Unicode::is_whitespace(c.ch)) break;
        sentence_end = c.ch == '.' || c.ch == '?' || c.ch == '!';
        if (IsWordchar(c.ch)) break;
        i = c.next;
      }
      if (sentence_end) {
        AppendPlain(out, input.substr(best_end_, i - best_end_));
        return false;
      }
      // Else up to four closing marks that belong to the last word, then "…".
      i = best_end_;
      int trailing = 0;
      while (i < input.size()) {
        const Char c = At(input, i);
        if (!IsTrailingMark(c.ch)) break;
        if (++trailing > 4) {
          trailing = 0;
          break;
        }
        i = c.next;
      }
      if (trailing) {
        AppendPlain(out, input.substr(best_end_, i - best_end_));
        if (i == input.size()) return false;
      }
      out += omit;
      return false;
    }
    const Word& word = best_pipe_.front();
    if (out.empty()) {
      enum { kNo, kPunctuation, kYes } boundary = best_begin_ == 0 ? kYes : kNo;
      for (std::size_t i = best_begin_; i < word.term_end;) {
        const Char c = At(input.substr(0, word.term_end), i);
        switch (boundary) {
          case kNo:
            if (c.ch == '.' || c.ch == '?' || c.ch == '!') boundary = kPunctuation;
            break;
          case kPunctuation:
            if (Xapian::Unicode::is_whitespace(c.ch)) {
              boundary = kYes;
            } else if (c.ch != '.' && c.ch != '?' && c.ch != '!') {
              boundary = kNo;
            }
            break;
          case kYes: break;
        }
        // The snippet starts at its first word, with up to four opening
        // marks before it.
        if (IsWordchar(c.ch)) {
          if (i - best_begin_ > 4) best_begin_ = i;
          break;
        }
        i = c.next;
        if (!IsLeadingMark(c.ch)) best_begin_ = i;
      }
      if (boundary != kYes) out += omit;
    }
    if (word.highlight) {
      // The highlight leaves out the characters between words.
      for (std::size_t i = best_begin_; i < input.size();) {
        const Char c = At(input, i);
        if (IsWordchar(c.ch)) {
          AppendPlain(out, input.substr(best_begin_, i - best_begin_));
          best_begin_ = i;
          break;
        }
        i = c.next;
      }
    }
    if (!phrase_left_) {
      phrase_left_ = word.highlight;
      if (phrase_left_) out += open;
    }
    AppendPlain(out, input.substr(best_begin_, word.term_end - best_begin_));
    best_begin_ = word.term_end;
    if (phrase_left_ && --phrase_left_ == 0) out += close;
    best_pipe_.pop_front();
    return true;
  }

 private:
  struct Word {
    int relevance;
    std::size_t term_end;
    std::size_t highlight;
  };

  // A one-paragraph excerpt reads line breaks as spaces.
  static void AppendPlain(std::string& out, std::string_view text) {
    const std::size_t from = out.size();
    out += text;
    std::replace(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), '\n', ' ');
  }

  Queue<Word> pipe_, best_pipe_;
  std::size_t length_;
  std::vector<double>& relevance_;
  std::size_t begin_ = 0;
  double sum_ = 0;
  std::size_t phrase_left_ = 0;
  std::size_t best_begin_ = 0, best_end_ = 0;
  double best_sum_ = 0;
};

// The window of a phrase of terms: Query has no accessor for it, but its
// description reads "(a@1 PHRASE 2 b@2)".
std::size_t PhraseWindow(const Xapian::Query& phrase) {
  const std::string description = phrase.get_description();
  const std::size_t at = description.find(" PHRASE ");
  if (at == std::string::npos) return 0;
  return std::strtoul(description.c_str() + at + 8, nullptr, 10);
}

struct QueryParts {
  std::vector<std::vector<std::string>> phrases;
  std::vector<std::string> loose;  // each once, in the order met
  bool supported = true;
};

// Xapian's check_query.
void Collect(const Xapian::Query& query, QueryParts& parts) {
  const std::size_t count = query.get_num_subqueries();
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      std::string term = *query.get_terms_begin();
      if (std::find(parts.loose.begin(), parts.loose.end(), term) == parts.loose.end())
        parts.loose.push_back(std::move(term));
      return;
    }
    case Xapian::Query::OP_WILDCARD: parts.supported = false; return;
    case Xapian::Query::OP_PHRASE: {
      bool terms_only = true;
      for (std::size_t i = 0; i < count; ++i)
        terms_only = terms_only && query.get_subquery(i).get_type() == Xapian::Query::LEAF_TERM;
      if (terms_only && PhraseWindow(query) == count) {
        std::vector<std::string> words;
        for (std::size_t i = 0; i < count; ++i)
          words.push_back(*query.get_subquery(i).get_terms_begin());
        parts.phrases.push_back(std::move(words));
        return;
      }
      break;
    }
    default: break;
  }
  for (std::size_t i = 0; i < count; ++i) Collect(query.get_subquery(i), parts);
}

// -1 for a term outside the search's statistics: it matches nothing.
double TermWeight(const Xapian::MSet& mset, const std::string& term) {
  try {
    return mset.get_termweight(term);
  } catch (const Xapian::InvalidArgumentError&) {
    return -1;
  }
}

bool StartsWithAny(std::string_view word, const std::vector<std::string>& keys) {
  for (const std::string& key : keys)
    if (word.starts_with(key)) return true;
  return false;
}

}  // namespace

std::optional<PassagePicker> PassagePicker::For(const Xapian::MSet& mset,
                                                const Xapian::Query& query,
                                                const Xapian::Stem& stemmer,
                                                std::vector<std::string> stem_keys) {
  if (std::getenv("XAPIAN_CJK_NGRAM")) return std::nullopt;
  QueryParts parts;
  Collect(query, parts);
  if (!parts.supported) return std::nullopt;
  PassagePicker picker;
  for (const auto& phrase : parts.phrases) {
    if (phrase.size() < 2) return std::nullopt;
    picker.longest_phrase_ = std::max(picker.longest_phrase_, phrase.size());
  }
  // Xapian's get_max_termweight: the highest and the lowest non-zero weight
  // of the query's terms.
  double max_tw = 0;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
    max_tw = std::max(max_tw, TermWeight(mset, *it));
  max_tw = max_tw == 0.0 ? 1.0 : max_tw * 1.015625;  // Xapian's scaling
  std::vector<double> weights;
  for (const std::string& term : parts.loose) weights.push_back(TermWeight(mset, term));
  for (std::size_t i = 0; i < parts.loose.size(); ++i)
    picker.loose_.push_back({parts.loose[i], weights[i] < 0 ? -1.0 : weights[i] + max_tw});
  for (const auto& phrase : parts.phrases)
    picker.phrase_relevance_.push_back(max_tw * static_cast<double>(phrase.size()));
  picker.phrases_ = std::move(parts.phrases);
  picker.stemmer_ = stemmer;
  picker.match_keys_ = stem_keys;
  for (const Term& term : picker.loose_)
    if (!term.text.empty() && !StartsWithAny(term.text, picker.match_keys_))
      picker.match_keys_.push_back(term.text);
  for (const auto& phrase : picker.phrases_)
    for (const std::string& word : phrase)
      if (!word.empty() && !StartsWithAny(word, picker.match_keys_))
        picker.match_keys_.push_back(word);
  for (const std::string& key : picker.match_keys_) {
    if (key.empty()) picker.first_bytes_.fill(true);
    else picker.first_bytes_[static_cast<unsigned char>(key[0])] = true;
  }
  picker.stem_keys_ = std::move(stem_keys);
  return picker;
}

int PassagePicker::LooseTerm(std::string_view word, std::string_view prefix) const {
  for (std::size_t i = 0; i < loose_.size(); ++i) {
    const std::string_view text = loose_[i].text;
    if (loose_[i].relevance >= 0 && text.size() == prefix.size() + word.size() &&
        text.starts_with(prefix) && text.ends_with(word))
      return static_cast<int>(i);
  }
  return -1;
}

// A word can match only if it starts with a key: each word and phrase word
// of the query starts itself, and each stemmed term's word starts with the
// stem's key.
bool PassagePicker::MayMatch(std::string_view word) const {
  if (!word.empty() && !first_bytes_[static_cast<unsigned char>(word[0])]) return false;
  return StartsWithAny(word, match_keys_);
}

std::string PassagePicker::operator()(std::string_view text, std::size_t length, char open,
                                      char close, std::string_view omit) const {
  // Xapian halves a word's relevance while it is in the window, so each
  // snippet starts from the query's.
  std::vector<double> relevance;
  relevance.reserve(loose_.size() + phrases_.size());
  for (const Term& term : loose_) relevance.push_back(term.relevance);
  const int first_phrase = static_cast<int>(relevance.size());
  relevance.insert(relevance.end(), phrase_relevance_.begin(), phrase_relevance_.end());

  Pipe pipe(length, relevance);
  std::vector<std::string> recent(longest_phrase_ > 0 ? longest_phrase_ - 1 : 0);
  std::size_t recent_next = 0;
  ParseTerms(text, [&](std::string_view term, std::size_t term_end) {
    if (term.size() > kMaxWordLength) return true;
    int r = -1;
    std::size_t highlight = 0;
    const bool may_match = MayMatch(term);
    if (may_match) {
      for (std::size_t i = 0; i < phrases_.size(); ++i) {
        const auto& words = phrases_[i];
        if (term != words.back()) continue;
        bool match = true;
        for (std::size_t k = words.size() - 1; k-- > 0;) {
          if (words[k] != recent[(k + recent_next) % (longest_phrase_ - 1)]) {
            match = false;
            break;
          }
        }
        if (match) {
          r = first_phrase + static_cast<int>(i);
          highlight = words.size();
          break;
        }
      }
      if (r < 0 && (r = LooseTerm(term)) >= 0) highlight = 1;
      if (r < 0) {
        if (StartsWithAny(term, stem_keys_)) {
          r = LooseTerm(stemmer_(std::string(term)), "Z");
        } else {
          r = LooseTerm(term, "Z");
        }
        if (r >= 0) highlight = 1;
      }
    }
    if (longest_phrase_ > 0) {
      // A word that cannot match cannot be a phrase's word either.
      if (may_match) {
        recent[recent_next].assign(term);
      } else {
        recent[recent_next].clear();
      }
      recent_next = (recent_next + 1) % (longest_phrase_ - 1);
    }
    return pipe.Pump(r, term_end, highlight);
  });
  pipe.Done();
  std::string out;
  while (pipe.Drain(text, open, close, omit, out)) {
  }
  return out;
}

}  // namespace gazette::internal
