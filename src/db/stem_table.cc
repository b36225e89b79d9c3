#include "db/stem_table.h"

#include <functional>

#include "gazette/document.h"
#include "gazette/schema.h"

namespace gazette::internal {
namespace {

const std::string& EnglishStemmer() {
  static const std::string name = StemmerLanguage("en");
  return name;
}

// QueryParser's own test (should_stem in queryparser.lemony): only a word
// that starts with a letter is stemmed, so only such a word needs a key.
bool QueryParserStems(std::string_view word) {
  constexpr unsigned kStemmedCategories =
      (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
      (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
  if (word.empty()) return false;
  Xapian::Utf8Iterator first(word.data(), word.size());
  return (kStemmedCategories >> Xapian::Unicode::get_category(*first)) & 1u;
}

bool IsTitleWord(std::string_view term) {
  return term.size() > schema::kPrefixTitle.size() && term.starts_with(schema::kPrefixTitle) &&
         schema::IsUnprefixedWord(term.substr(schema::kPrefixTitle.size()));
}

// The stemmer of the article language the document's "L" term names.
std::string DocumentStemmer(const Xapian::Document& document) {
  auto term = document.termlist_begin();
  term.skip_to(std::string(schema::kPrefixLanguage));
  if (term == document.termlist_end()) return EnglishStemmer();
  const std::string language = *term;
  if (!language.starts_with(schema::kPrefixLanguage)) return EnglishStemmer();
  return StemmerLanguage(std::string_view(language).substr(schema::kPrefixLanguage.size()));
}

}  // namespace

std::string StemKey(std::string_view term, const Xapian::Stem& stem) {
  if (schema::IsUnprefixedWord(term)) {
    if (!QueryParserStems(term)) return {};
    return "Z" + stem(std::string(term));
  }
  if (IsTitleWord(term)) {
    const std::string word(term.substr(schema::kPrefixTitle.size()));
    if (!QueryParserStems(word)) return {};
    return "Z" + std::string(schema::kPrefixTitle) + stem(word);
  }
  return {};
}

void AddStemsOfWords(const Xapian::Database& source, Xapian::WritableDatabase& target,
                     std::size_t share, std::size_t shares, std::size_t words_per_commit) {
  std::size_t pending = 0;
  const auto add = [&](const std::string& term, const Xapian::Stem& stem) {
    if (shares > 1 && std::hash<std::string>{}(term) % shares != share) return;
    const std::string key = StemKey(term, stem);
    if (key.empty()) return;
    target.add_synonym(key, term);
    if (words_per_commit != 0 && ++pending == words_per_commit) {
      target.commit();
      pending = 0;
    }
  };
  const Xapian::Stem english(EnglishStemmer());
  for (auto term = source.allterms_begin(); term != source.allterms_end(); ++term) {
    if (!schema::IsUnprefixedWord(*term)) {
      // Prefixed terms start with a capital, so every word sorts before or
      // after all of them.
      term.skip_to("[");
      if (term == source.allterms_end()) break;
    }
    add(*term, english);
  }
  const std::string title(schema::kPrefixTitle);
  for (auto term = source.allterms_begin(title); term != source.allterms_end(title); ++term)
    add(*term, english);
  // Articles in another language: their words by that language's stems too.
  const std::string language_prefix(schema::kPrefixLanguage);
  for (auto language = source.allterms_begin(language_prefix);
       language != source.allterms_end(language_prefix); ++language) {
    const std::string name =
        StemmerLanguage(std::string_view(*language).substr(language_prefix.size()));
    if (name == EnglishStemmer()) continue;
    const Xapian::Stem stem(name);
    for (auto doc = source.postlist_begin(*language); doc != source.postlist_end(*language); ++doc)
      for (auto term = source.termlist_begin(*doc); term != source.termlist_end(*doc); ++term)
        add(*term, stem);
  }
}

void StemCollector::Add(const Xapian::Document& document) {
  const std::string stemmer = DocumentStemmer(document);
  std::set<std::string>& english = words_[EnglishStemmer()];
  std::set<std::string>* other = stemmer == EnglishStemmer() ? nullptr : &words_[stemmer];
  for (auto t = document.termlist_begin(); t != document.termlist_end(); ++t) {
    const std::string& term = *t;
    if (!schema::IsUnprefixedWord(term) && !IsTitleWord(term)) continue;
    english.insert(term);
    if (other) other->insert(term);
  }
}

void StemCollector::FlushTo(Xapian::WritableDatabase& db) {
  for (const auto& [stemmer, words] : words_) {
    const Xapian::Stem stem(stemmer);
    for (const std::string& word : words) {
      const std::string key = StemKey(word, stem);
      if (!key.empty()) db.add_synonym(key, word);
    }
  }
  words_.clear();
}

}  // namespace gazette::internal
