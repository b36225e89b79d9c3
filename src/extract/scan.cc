// The left-to-right scan: gazetteer names, titled forms and surnames. What an
// article introduces itself (titled unknown names, acronym definitions) is in
// discover.cc.
#include "extract/scan.h"

#include <algorithm>

namespace gazette::internal {
namespace {

bool IsPersonKind(EntityKind kind) {
  return kind == EntityKind::kLeader || kind == EntityKind::kPerson;
}

}  // namespace

ArticleScan::ArticleScan(const Gazetteer& gazetteer, const Matcher& matcher, std::string_view text,
                         ScanBuffers& buffers)
    : gazetteer_(gazetteer),
      matcher_(matcher),
      entities_(gazetteer.entities()),
      text_(text),
      tokens_(buffers.tokens),
      ids_(buffers.ids),
      hits_(buffers.hits) {}

void ArticleScan::Run() {
  hits_.clear();
  Tokenize(text_, tokens_);
  matcher_.WordIds(tokens_, ids_);
  for (std::size_t at = 0; at < ids_.size();) at = Step(at);
}

std::size_t ArticleScan::Step(std::size_t at) {
  if (Has(at, kAllCaps) && Has(at, kParenBefore) && Has(at, kParenAfter) && TryDefinition(at))
    return at + 1;  // "(SCO)" names what precedes it: not a second mention
  Candidate best = MatchLearned(at);
  if (ids_[at] != kUnknownWord) {
    Candidate name = MatchName(at, std::nullopt, {});
    if (name.found() && (!best.found() || name.end > best.end)) best = std::move(name);
    Candidate titled = MatchTitled(at);
    if (titled.found() && (!best.found() || titled.end > best.end)) best = std::move(titled);
  }
  if (!best.found()) return at + 1;
  const std::size_t end = best.end;
  Take(std::move(best));
  return end;
}

void ArticleScan::Take(Candidate candidate) {
  EntityRef ref = candidate.ref;
  if (candidate.discovered) {
    const Entity* known = gazetteer_.FindById(candidate.discovered->id);
    if (known != nullptr) {
      ref = static_cast<EntityRef>(known - entities_.data());
    } else if (ref = FindLocal(candidate.discovered->id); ref == kNoEntity) {
      ref = AddLocal(std::move(*candidate.discovered));
    }
  }
  hits_.push_back(Hit{ref, static_cast<std::uint32_t>(candidate.first),
                      static_cast<std::uint32_t>(candidate.end)});
}

ArticleScan::Candidate ArticleScan::MatchName(std::size_t at, std::optional<EntityKind> title,
                                              std::string_view country) const {
  for (const Pattern& pattern : matcher_.NamesStartingWith(ids_[at])) {
    if (!matcher_.Matches(pattern, text_, tokens_, ids_, at)) continue;
    EntityRef ref = kNoEntity;
    if (pattern.type == PatternType::kAlias) {
      if (title && !IsPersonKind(entities_[pattern.target].kind)) continue;
      ref = static_cast<EntityRef>(pattern.target);
      // A one-word alias that is an ordinary word ("Victoria") needs context:
      // a title, or an earlier longer mention ("Victoria, Seychelles").
      if (pattern.common && !title && !MentionedBefore(ref)) continue;
    } else {
      ref = ResolveSurname(matcher_.surname_group(pattern.target), title, country);
      if (ref == kNoEntity) continue;
      // "Imran Khan" is not Karim Khan: an unknown capitalised word right
      // before a surname is someone else's first name.
      if (!title && !MentionedBefore(ref) && HasUnknownFirstName(at)) continue;
    }
    return Candidate{ref, at, at + pattern.size, std::nullopt};
  }
  return {};
}

// A bare surname names whoever of that name the article mentioned last; else,
// after a title, the one person of the title's kind (or of the country named
// just before the title: "Russian President"); else, alone, the only person
// with that surname unless it is a common word ("May").
EntityRef ArticleScan::ResolveSurname(const SurnameGroup& group, std::optional<EntityKind> title,
                                      std::string_view country) const {
  for (auto hit = hits_.rbegin(); hit != hits_.rend(); ++hit) {
    if (hit->ref < 0) continue;
    const auto index = static_cast<std::uint32_t>(hit->ref);
    if (std::find(group.entities.begin(), group.entities.end(), index) != group.entities.end())
      return hit->ref;
  }
  if (!title) {
    if (group.entities.size() == 1 && !group.common)
      return static_cast<EntityRef>(group.entities.front());
    return kNoEntity;
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t index : group.entities)
    if (entities_[index].kind == *title) candidates.push_back(index);
  if (candidates.empty()) candidates = group.entities;
  if (candidates.size() > 1 && !country.empty()) {
    std::erase_if(candidates,
                  [&](std::uint32_t index) { return entities_[index].country != country; });
  }
  return candidates.size() == 1 ? static_cast<EntityRef>(candidates.front()) : kNoEntity;
}

// "President Xi", "Japan's PM Fumio Kishida", "aide Yuri Ushakov": the mention
// starts at the title; the person is known, or new when 2-4 capitalised words
// follow the title.
ArticleScan::Candidate ArticleScan::MatchTitled(std::size_t at) const {
  for (const Pattern& pattern : matcher_.TitlesStartingWith(ids_[at])) {
    if (!matcher_.Matches(pattern, text_, tokens_, ids_, at)) continue;
    const std::size_t name_at = at + pattern.size;
    if (name_at >= ids_.size() || Has(name_at, kBreakBefore) || Has(name_at - 1, kPossessive) ||
        (Has(name_at, kPeriodBefore) && !pattern.abbreviation))
      continue;
    const EntityKind kind = matcher_.title(pattern.target).kind;
    Candidate found = MatchLearned(name_at);
    if (!found.found() && ids_[name_at] != kUnknownWord)
      found = MatchName(name_at, kind, CountryEndingAt(at));
    if (!found.found()) found = CaptureTitledName(name_at, kind);
    if (!found.found()) continue;
    found.first = at;
    return found;
  }
  return {};
}

// What this article taught: an acronym it defined, a surname of someone it
// introduced ("aide Yuri Ushakov" ... "Ushakov said").
ArticleScan::Candidate ArticleScan::MatchLearned(std::size_t at) const {
  if (acronyms_.empty() && surnames_.empty()) return {};
  if (Has(at, kAllCaps)) {
    for (const auto& [acronym, ref] : acronyms_)
      if (SameLettersIgnoringDots(Raw(at), acronym)) return Candidate{ref, at, at + 1, {}};
  }
  if (Has(at, kCapitalised)) {
    for (const auto& [surname, ref] : surnames_)
      if (Folded(at) == surname) return Candidate{ref, at, at + 1, {}};
  }
  return {};
}

// The country of a place mentioned right before `token` ("Russian President",
// "Japan's PM"), to choose between leaders sharing a surname.
std::string_view ArticleScan::CountryEndingAt(std::size_t token) const {
  if (hits_.empty() || hits_.back().end_token != token || hits_.back().ref < 0) return {};
  const Entity& entity = entities_[static_cast<std::size_t>(hits_.back().ref)];
  return entity.kind == EntityKind::kPlace ? std::string_view(entity.country) : std::string_view{};
}

bool ArticleScan::HasUnknownFirstName(std::size_t at) const {
  if (at == 0 || Has(at, kBreakBefore) || Has(at, kPeriodBefore)) return false;
  const std::size_t before = at - 1;
  if (!Has(before, kCapitalised) || Has(before, kSentenceStart) || Has(before, kPossessive))
    return false;
  return hits_.empty() || hits_.back().end_token != at;
}

bool ArticleScan::MentionedBefore(EntityRef ref) const {
  return std::any_of(hits_.begin(), hits_.end(), [ref](const Hit& hit) { return hit.ref == ref; });
}

EntityKind ArticleScan::KindOf(EntityRef ref) const {
  return ref >= 0 ? entities_[static_cast<std::size_t>(ref)].kind
                  : locals_[static_cast<std::size_t>(-1 - ref)].kind;
}

std::string_view ArticleScan::IdOf(EntityRef ref) const {
  return ref >= 0 ? entities_[static_cast<std::size_t>(ref)].id
                  : locals_[static_cast<std::size_t>(-1 - ref)].id;
}

std::string_view ArticleScan::NameOf(EntityRef ref) const {
  return ref >= 0 ? entities_[static_cast<std::size_t>(ref)].name
                  : locals_[static_cast<std::size_t>(-1 - ref)].name;
}

std::string_view ArticleScan::SurfaceOf(const Hit& hit) const {
  const std::size_t begin = tokens_.tokens[hit.first_token].begin;
  return text_.substr(begin, tokens_.tokens[hit.end_token - 1].end - begin);
}

std::string_view ArticleScan::Raw(std::size_t token) const {
  const Token& t = tokens_.tokens[token];
  return text_.substr(t.begin, t.end - t.begin);
}

}  // namespace gazette::internal
