// Entities an article introduces itself: a capitalised name after a title
// ("aide Yuri Ushakov") and an acronym definition ("Collective Security Treaty
// Organization (CSTO)"), which also teaches the acronym for the rest of the text.
#include <algorithm>

#include "extract/fold.h"
#include "extract/scan.h"

namespace gazette::internal {
namespace {

constexpr std::size_t kMinNameWords = 2;
constexpr std::size_t kMaxNameWords = 4;
constexpr std::size_t kMaxAcronym = 10;

// Small words allowed inside a defined name without giving a letter:
// "Organisation of the Petroleum Exporting Countries (OPEC)".
bool IsConnector(std::string_view folded) {
  return folded == "of" || folded == "and" || folded == "for" || folded == "the" ||
         folded == "on" || folded == "in" || folded == "de" || folded == "du" || folded == "des";
}

bool IsAcronym(std::string_view letters) {
  return letters.size() >= 2 && letters.size() <= kMaxAcronym &&
         std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string Lowercase(std::string_view ascii) {
  std::string out(ascii);
  for (char& c : out) c = static_cast<char>(c | 0x20);
  return out;
}

}  // namespace

// The name is the capitalised words right after the title, up to a break,
// a sentence end, a lowercase or common word, or a known non-person name.
ArticleScan::Candidate ArticleScan::CaptureTitledName(std::size_t at, EntityKind kind) const {
  std::size_t end = at;
  while (end < ids_.size() && end - at < kMaxNameWords) {
    if (!Has(end, kCapitalised)) break;
    if (end > at && (Has(end, kBreakBefore) || Has(end, kPeriodBefore))) break;
    if (gazetteer_.IsCommonWord(Folded(end))) break;
    // "General Assembly President ...": a name has no title or other name
    // inside; a known surname may be part of it ("Nawaz Sharif").
    if (ids_[end] != kUnknownWord &&
        (StartsKnownName(end) || !matcher_.TitlesStartingWith(ids_[end]).empty()))
      break;
    ++end;
    if (Has(end - 1, kPossessive)) break;
  }
  if (end - at < kMinNameWords) return {};
  // Five capitalised words in a row are a Title Case headline, not a name.
  if (end - at == kMaxNameWords && end < ids_.size() && Has(end, kCapitalised) &&
      !Has(end, kBreakBefore) && !Has(end, kPeriodBefore))
    return {};
  const std::size_t begin = tokens_.tokens[at].begin;
  std::string name(text_.substr(begin, tokens_.tokens[end - 1].end - begin));
  std::string id = DeriveId(name);
  if (id.empty()) return {};
  return Candidate{kNoEntity, at, end, LocalEntity{std::move(id), std::move(name), kind}};
}

bool ArticleScan::StartsKnownName(std::size_t at) const {
  for (const Pattern& pattern : matcher_.NamesStartingWith(ids_[at]))
    if (pattern.type == PatternType::kAlias && matcher_.Matches(pattern, text_, tokens_, ids_, at))
      return true;
  return false;
}

// "(ABC)" right after a name. The name just matched ("Shanghai Cooperation
// Organization (SCO)"), or the capitalised words whose initials spell ABC,
// becomes what ABC means in the rest of the article.
bool ArticleScan::TryDefinition(std::size_t at) {
  std::string acronym;
  for (char c : Raw(at))
    if (c != '.') acronym += c;
  if (!IsAcronym(acronym)) return false;
  if (!hits_.empty() && hits_.back().end_token == at) {
    const Hit& named = hits_.back();
    if (!InitialsSpell(named.first_token, at, acronym) && !IsAliasAt(named.ref, at)) return false;
    acronyms_.emplace_back(acronym, named.ref);
    return true;
  }
  const std::optional<std::size_t> start = DefinitionStart(at, acronym);
  if (!start) return false;
  const std::size_t begin = tokens_.tokens[*start].begin;
  const std::string_view name = text_.substr(begin, tokens_.tokens[at - 1].end - begin);
  EntityRef ref = kNoEntity;
  const Entity* known = gazetteer_.Resolve(EntityKind::kOrganization, name);
  if (known == nullptr) known = KnownByAcronym(acronym, name);
  if (known != nullptr) {
    ref = static_cast<EntityRef>(known - entities_.data());
  } else {
    std::string id = Lowercase(acronym);
    if (gazetteer_.FindById(id) != nullptr) id = DeriveId(name);
    ref = FindLocal(id);
    if (ref == kNoEntity)
      ref = AddLocal(LocalEntity{std::move(id), std::string(name), EntityKind::kOrganization});
  }
  // Words of the name matched on their own ("Shanghai" in an unknown
  // "Shanghai Film Office (SFO)") were part of the name, not mentions.
  while (!hits_.empty() && hits_.back().end_token > *start) hits_.pop_back();
  hits_.push_back(Hit{ref, static_cast<std::uint32_t>(*start), static_cast<std::uint32_t>(at)});
  acronyms_.emplace_back(std::move(acronym), ref);
  return true;
}

// The known organization with this acronym, when its name starts like the
// defined one: "Shanghai Cooperation Organisation (SCO)" spelled in a way the
// gazetteer lacks is still the SCO; "Southern Coast Office (SCO)" is not.
const Entity* ArticleScan::KnownByAcronym(std::string_view acronym, std::string_view name) const {
  const Entity* known = gazetteer_.Resolve(EntityKind::kOrganization, acronym);
  if (known == nullptr) return nullptr;
  auto first_word = [](const std::string& phrase) { return phrase.substr(0, phrase.find(' ')); };
  const std::string wanted = first_word(FoldPhrase(name));
  if (first_word(FoldPhrase(known->name)) == wanted) return known;
  for (std::string_view alias : known->aliases)
    if (first_word(FoldPhrase(alias)) == wanted) return known;
  return nullptr;
}

// Walks back from the "(" over capitalised words and connectors, taking one
// acronym letter per capitalised word, last letter first.
std::optional<std::size_t> ArticleScan::DefinitionStart(std::size_t at,
                                                        std::string_view acronym) const {
  std::size_t letter = acronym.size();
  for (std::size_t token = at; token-- > 0;) {
    if (token + 1 < at && Has(token + 1, kBreakBefore)) return std::nullopt;
    if (Has(token, kPossessive) && token + 1 < at) return std::nullopt;
    const std::string_view word = Folded(token);
    if (Has(token, kCapitalised) && !word.empty() && word[0] == (acronym[letter - 1] | 0x20)) {
      if (--letter == 0) return token;
    } else if (!IsConnector(word)) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool ArticleScan::InitialsSpell(std::size_t first, std::size_t end,
                                std::string_view acronym) const {
  std::string initials;
  for (std::size_t token = first; token < end; ++token)
    if (Has(token, kCapitalised) && !Folded(token).empty()) initials += Folded(token)[0];
  return initials == Lowercase(acronym);
}

bool ArticleScan::IsAliasAt(EntityRef ref, std::size_t at) const {
  if (ref < 0 || ids_[at] == kUnknownWord) return false;
  for (const Pattern& pattern : matcher_.NamesStartingWith(ids_[at]))
    if (pattern.type == PatternType::kAlias && static_cast<EntityRef>(pattern.target) == ref &&
        matcher_.Matches(pattern, text_, tokens_, ids_, at))
      return true;
  return false;
}

EntityRef ArticleScan::FindLocal(std::string_view id) const {
  for (std::size_t i = 0; i < locals_.size(); ++i)
    if (locals_[i].id == id) return LocalRef(i);
  return kNoEntity;
}

EntityRef ArticleScan::AddLocal(LocalEntity entity) {
  const EntityRef ref = LocalRef(locals_.size());
  if (entity.kind == EntityKind::kLeader || entity.kind == EntityKind::kPerson) {
    const std::size_t space = entity.name.find_last_of(' ');
    surnames_.emplace_back(Fold(entity.name.substr(space + 1)), ref);
  }
  locals_.push_back(std::move(entity));
  return ref;
}

}  // namespace gazette::internal
