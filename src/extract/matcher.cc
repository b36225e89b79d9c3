// Compiling the gazetteer into first-word buckets, and matching one pattern.
#include "extract/matcher.h"

#include <algorithm>
#include <cassert>
#include <map>

namespace gazette::internal {
namespace {

bool IsPersonKind(EntityKind kind) {
  return kind == EntityKind::kLeader || kind == EntityKind::kPerson;
}

std::string WithoutDots(std::string_view span) {
  std::string out;
  for (char c : span)
    if (c != '.') out += c;
  return out;
}

}  // namespace

Matcher::Matcher(const Gazetteer& gazetteer) {
  words_.emplace_back();  // kUnknownWord
  const std::span<const Entity> entities = gazetteer.entities();
  std::map<std::string, std::uint32_t> group_of_surname;
  for (std::uint32_t index = 0; index < entities.size(); ++index) {
    const Entity& entity = entities[index];
    const std::string surname = IsPersonKind(entity.kind) ? FoldPhrase(entity.surname) : "";
    auto add_alias = [&](std::string_view alias) {
      const std::string folded = FoldPhrase(alias);
      // A one-word alias equal to the surname ("Putin") follows the surname
      // rules, so that "May" listed as an alias of Theresa May stays guarded.
      if (folded.empty() || folded == surname) return;
      const bool one_word = folded.find(' ') == std::string::npos;
      AddPattern(alias, PatternType::kAlias, index, one_word && gazetteer.IsCommonWord(folded),
                 names_);
    };
    add_alias(entity.name);
    for (std::string_view alias : entity.aliases) add_alias(alias);
    if (surname.empty()) continue;
    auto [it, added] = group_of_surname.emplace(surname, surname_groups_.size());
    if (added) {
      SurnameGroup group;
      group.common = surname.find(' ') == std::string::npos && gazetteer.IsCommonWord(surname);
      surname_groups_.push_back(group);
      AddPattern(entity.surname, PatternType::kSurname, it->second, group.common, names_);
    }
    surname_groups_[it->second].entities.push_back(index);
  }
  const std::span<const Title> titles = gazetteer.titles();
  titles_.assign(titles.begin(), titles.end());
  for (std::uint32_t index = 0; index < titles_.size(); ++index)
    AddPattern(titles_[index].text, PatternType::kTitle, index, false, title_patterns_);
  Index(names_, false);
  Index(title_patterns_, true);
}

std::uint32_t Matcher::Intern(std::string_view folded) {
  const std::uint32_t id = word_ids_.Intern(folded);
  if (id == words_.size()) words_.emplace_back();
  return id;
}

void Matcher::AddPattern(std::string_view text, PatternType type, std::uint32_t target, bool common,
                         std::vector<Pattern>& into) {
  Tokens tokens;
  Tokenize(text, tokens);
  if (tokens.tokens.empty() || tokens.tokens.size() > 32) return;
  Pattern pattern;
  pattern.target = target;
  pattern.type = type;
  pattern.common = common;
  pattern.size = static_cast<std::uint8_t>(tokens.tokens.size());
  pattern.words_begin = static_cast<std::uint32_t>(pattern_words_.size());
  // Titles match in any case: "president Putin" is as titled as "President Putin".
  pattern.capitalised = type != PatternType::kTitle && tokens.tokens.front().Has(kCapitalised);
  const Token& last = tokens.tokens.back();
  pattern.abbreviation =
      type == PatternType::kTitle &&
      (text.ends_with('.') || (last.end - last.begin <= 3 && !last.Has(kAllCaps)));
  pattern.case_sensitive = true;
  for (std::size_t k = 0; k < tokens.tokens.size(); ++k) {
    const Token& token = tokens.tokens[k];
    if (token.Has(kPossessive) && k < 32) pattern.possessives |= std::uint32_t{1} << k;
    pattern_words_.push_back(Intern(tokens.Folded(token)));
    pattern.case_sensitive = pattern.case_sensitive && token.Has(kAllCaps);
  }
  if (pattern.case_sensitive)
    for (const Token& token : tokens.tokens)
      pattern.exact.push_back(WithoutDots(text.substr(token.begin, token.end - token.begin)));
  into.push_back(std::move(pattern));
}

void Matcher::Index(std::vector<Pattern>& patterns, bool titles) {
  std::stable_sort(patterns.begin(), patterns.end(), [this](const Pattern& a, const Pattern& b) {
    const std::uint32_t first_a = pattern_words_[a.words_begin];
    const std::uint32_t first_b = pattern_words_[b.words_begin];
    if (first_a != first_b) return first_a < first_b;
    if (a.size != b.size) return a.size > b.size;  // longest match wins
    return a.type < b.type;                        // an alias beats a surname
  });
  for (std::uint32_t i = 0; i < patterns.size(); ++i) {
    Word& word = words_[pattern_words_[patterns[i].words_begin]];
    std::uint32_t& begin = titles ? word.titles_begin : word.names_begin;
    std::uint32_t& end = titles ? word.titles_end : word.names_end;
    if (begin == end) begin = i;
    end = i + 1;
  }
}

std::uint32_t Matcher::WordId(std::string_view folded) const { return word_ids_.Find(folded); }

void Matcher::WordIds(const Tokens& tokens, std::vector<std::uint32_t>& ids) const {
  ids.resize(tokens.tokens.size());
  for (std::size_t i = 0; i < tokens.tokens.size(); ++i)
    ids[i] = WordId(tokens.Folded(tokens.tokens[i]));
}

std::span<const Pattern> Matcher::NamesStartingWith(std::uint32_t word) const {
  const Word& w = words_[word];
  return std::span<const Pattern>(names_).subspan(w.names_begin, w.names_end - w.names_begin);
}

std::span<const Pattern> Matcher::TitlesStartingWith(std::uint32_t word) const {
  const Word& w = words_[word];
  return std::span<const Pattern>(title_patterns_)
      .subspan(w.titles_begin, w.titles_end - w.titles_begin);
}

bool Matcher::Matches(const Pattern& pattern, std::string_view text, const Tokens& tokens,
                      std::span<const std::uint32_t> ids, std::size_t at) const {
  if (at + pattern.size > ids.size()) return false;
  for (std::size_t k = 0; k < pattern.size; ++k) {
    if (ids[at + k] != pattern_words_[pattern.words_begin + k]) return false;
    const Token& token = tokens.tokens[at + k];
    if (k > 0 && token.Has(kBreakBefore)) return false;
    // "Putin's Russia" is not "Putin Russia"; "People's Republic" is listed so.
    const bool listed_possessive = (pattern.possessives >> k) & 1;
    if (k + 1 < pattern.size && token.Has(kPossessive) != listed_possessive) return false;
  }
  if (pattern.capitalised && !tokens.tokens[at].Has(kCapitalised)) return false;
  if (pattern.case_sensitive) {
    for (std::size_t k = 0; k < pattern.size; ++k) {
      const Token& token = tokens.tokens[at + k];
      if (!SameLettersIgnoringDots(text.substr(token.begin, token.end - token.begin),
                                   pattern.exact[k]))
        return false;
    }
  }
  return true;
}

}  // namespace gazette::internal
