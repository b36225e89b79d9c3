// Follows Xapian 1.4.22's queryparser/termgenerator_internal.cc
// (check_query, MSet::Internal::snippet; the words and the window in
// xapian_words.h and passage_pipe.h) step for step, floating-point order
// included, so that the passage chosen and its marks stay Xapian's. Where it
// departs: a word that starts with no key is neither looked up nor stemmed
// (it cannot match), and the output is plain text, not HTML.
#include "search/passage.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "search/passage_pipe.h"
#include "search/xapian_words.h"

namespace gazette::internal {
namespace {

using namespace xapian_words;

constexpr std::size_t kMaxWordLength = 64;  // Xapian's snippet skips longer words

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
  // Xapian's get_max_termweight: the highest weight of the query's terms
  // (its lowest one weighs only wildcards, left to Xapian).
  double max_tw = 0;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it)
    max_tw = std::max(max_tw, TermWeight(mset, *it));
  max_tw = max_tw == 0.0 ? 1.0 : max_tw * 1.015625;  // Xapian's scaling
  for (std::string& term : parts.loose) {
    const double weight = TermWeight(mset, term);
    picker.loose_.push_back({std::move(term), weight < 0 ? -1.0 : weight + max_tw});
  }
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

int PassagePicker::StemmedTerm(std::string_view word) const {
  for (const auto& [stemmed, r] : stemmed_)
    if (stemmed == word) return r;
  const int r = LooseTerm(stemmer_(std::string(word)), "Z");
  if (stemmed_.size() < 64) stemmed_.emplace_back(word, r);
  return r;
}

// A word can match only if it starts with a key: each word and phrase word
// of the query starts itself, and each stemmed term's word starts with the
// stem's key.
bool PassagePicker::MayMatch(std::string_view word) const {
  if (!word.empty() && !first_bytes_[static_cast<unsigned char>(word[0])]) return false;
  return StartsWithAny(word, match_keys_);
}

std::string PassagePicker::operator()(std::string_view text, std::size_t length, char open,
                                      char close, std::string_view omit, bool* matched) const {
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
          r = StemmedTerm(term);
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
  if (matched) *matched = pipe.found();
  std::string out;
  while (pipe.Drain(text, open, close, omit, out)) {
  }
  return out;
}

}  // namespace gazette::internal
