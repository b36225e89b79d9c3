// Resolving what users type (`leader:putin`, `--org "Shanghai Cooperation
// Organisation"`) and suggesting near names. No index: `gazette search`
// resolves one or two values, and a first-letter filter means only a few
// aliases are ever folded, so a Resolve costs well under a millisecond and
// adds nothing to startup.
#include <algorithm>
#include <cctype>

#include "extract/fold.h"
#include "extract/tokenizer.h"
#include "gazette/gazetteer.h"

namespace gazette {
namespace {

bool KindMatches(EntityKind wanted, EntityKind kind) {
  return kind == wanted || (wanted == EntityKind::kPerson && kind == EntityKind::kLeader);
}

// Compares `text` folded with `key`, folding only when the first letters can
// agree: FoldPhrase starts with the first ASCII letter or digit lowercased,
// unless a non-ASCII character comes first (then it must fold to know).
class FoldedEquals {
 public:
  explicit FoldedEquals(std::string key) : key_(std::move(key)) {}
  const std::string& key() const { return key_; }

  bool operator()(std::string_view text) {
    for (unsigned char c : text) {
      if (c >= 0x80) break;
      if (std::isalnum(c)) {
        if (static_cast<char>(std::tolower(c)) != key_[0]) return false;
        break;
      }
    }
    return internal::FoldPhrase(text, scratch_) == key_;
  }

 private:
  std::string key_;  // REQUIRES: not empty
  internal::Tokens scratch_;
};

// A name or alias first; else a surname that only one entity of the kind has.
const Entity* ResolveFolded(std::span<const Entity> entities, EntityKind kind,
                            FoldedEquals& equals) {
  for (const Entity& e : entities) {
    if (!KindMatches(kind, e.kind)) continue;
    if (equals(e.name)) return &e;
    if (std::any_of(e.aliases.begin(), e.aliases.end(), std::ref(equals))) return &e;
  }
  const Entity* only = nullptr;
  for (const Entity& e : entities) {
    if (!KindMatches(kind, e.kind) || e.surname.empty() || !equals(e.surname)) continue;
    if (only != nullptr) return nullptr;  // "Kim": several people
    only = &e;
  }
  return only;
}

// `key` without a leading "the " or title ("president putin" -> "putin"), or
// empty when it has neither.
std::string WithoutTitle(const std::string& key, std::span<const Title> titles) {
  std::string_view rest = key;
  if (rest.starts_with("the ")) rest.remove_prefix(4);
  std::size_t longest = 0;
  for (const Title& title : titles) {
    const std::string folded = internal::FoldPhrase(title.text);
    if (folded.size() > longest && rest.size() > folded.size() && rest.starts_with(folded) &&
        rest[folded.size()] == ' ')
      longest = folded.size() + 1;
  }
  rest.remove_prefix(longest);
  return rest.size() == key.size() ? std::string() : std::string(rest);
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

// Tries, in order: the id ("vladimir_putin", "sco"), a name or alias, a
// surname shared by no other entity of the kind, then the same without a
// leading title or "the" ("President Putin", "PM Kishida").
const Entity* Gazetteer::Resolve(EntityKind kind, std::string_view value) const {
  std::string id;
  for (unsigned char c : value) {
    if (c == ' ' && (id.empty() || id.back() == '_')) continue;
    id += static_cast<char>(c == ' ' ? '_' : std::tolower(c));
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (const Entity* e = FindById(id); e && KindMatches(kind, e->kind)) return e;
  std::string key = internal::FoldPhrase(value);
  if (key.empty()) return nullptr;
  FoldedEquals equals(key);
  if (const Entity* e = ResolveFolded(entities(), kind, equals)) return e;
  std::string rest = WithoutTitle(key, titles());
  if (rest.empty()) return nullptr;
  FoldedEquals untitled(std::move(rest));
  return ResolveFolded(entities(), kind, untitled);
}

std::vector<const Entity*> Gazetteer::Closest(EntityKind kind, std::string_view value,
                                              std::size_t n) const {
  const std::string key = internal::FoldPhrase(value);
  internal::Tokens scratch;
  std::vector<std::pair<std::size_t, const Entity*>> scored;
  for (const Entity& e : entities()) {
    if (!KindMatches(kind, e.kind)) continue;
    std::size_t best =
        std::min(EditDistance(key, internal::FoldPhrase(e.name, scratch)), EditDistance(key, e.id));
    if (!e.surname.empty())
      best = std::min(best, EditDistance(key, internal::FoldPhrase(e.surname, scratch)));
    for (std::string_view alias : e.aliases)
      best = std::min(best, EditDistance(key, internal::FoldPhrase(alias, scratch)));
    scored.emplace_back(best, &e);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entity*> closest;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) closest.push_back(scored[i].second);
  return closest;
}

}  // namespace gazette
