// One article's entity scan: walks the tokens once, left to right, taking the
// longest gazetteer match at each word, resolving titles and surnames with
// what the article said earlier, and learning names it introduces.
// Private to src/extract; EntityExtractor turns the hits into Mentions.
#ifndef GAZETTE_SRC_EXTRACT_SCAN_H_
#define GAZETTE_SRC_EXTRACT_SCAN_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/matcher.h"
#include "extract/tokenizer.h"
#include "gazette/gazetteer.h"

namespace gazette::internal {

// An entity reference: >= 0 is a gazetteer entity index, < 0 an entity the
// article introduced (LocalRef).
using EntityRef = std::int32_t;
inline constexpr EntityRef kNoEntity = INT32_MIN;
inline EntityRef LocalRef(std::size_t index) { return -1 - static_cast<EntityRef>(index); }

// An entity the article introduced: "aide Yuri Ushakov", "Long Name (LN)".
struct LocalEntity {
  std::string id;
  std::string name;
  EntityKind kind = EntityKind::kPerson;
};

struct Hit {
  EntityRef ref = kNoEntity;
  std::uint32_t first_token = 0;  // the mention is tokens [first_token, end_token),
  std::uint32_t end_token = 0;    // a title included ("President Xi")
};

// Buffers a scan fills; kept per thread by the extractor so that scanning an
// article allocates nothing once they have grown.
struct ScanBuffers {
  Tokens tokens;
  std::vector<std::uint32_t> ids;
  std::vector<Hit> hits;
};

class ArticleScan {
 public:
  ArticleScan(const Gazetteer& gazetteer, const Matcher& matcher, std::string_view text,
              ScanBuffers& buffers);
  void Run();

  // In text order.
  std::span<const Hit> hits() const { return hits_; }
  EntityKind KindOf(EntityRef ref) const;
  std::string_view IdOf(EntityRef ref) const;
  std::string_view NameOf(EntityRef ref) const;
  std::size_t OffsetOf(const Hit& hit) const { return tokens_.tokens[hit.first_token].begin; }
  std::string_view SurfaceOf(const Hit& hit) const;

 private:
  struct Candidate {
    EntityRef ref = kNoEntity;
    std::size_t first = 0, end = 0;
    std::optional<LocalEntity> discovered;  // to add when the candidate is taken
    bool found() const { return ref != kNoEntity || discovered.has_value(); }
  };

  std::size_t Step(std::size_t at);
  void Take(Candidate candidate);
  // The longest gazetteer name at `at`. With `title`, only people, and
  // surnames resolve through the title's kind and the `country` before it.
  Candidate MatchName(std::size_t at, std::optional<EntityKind> title,
                      std::string_view country) const;
  EntityRef ResolveSurname(const SurnameGroup& group, std::optional<EntityKind> title,
                           std::string_view country) const;
  Candidate MatchTitled(std::size_t at) const;
  Candidate MatchLearned(std::size_t at) const;
  std::string_view CountryEndingAt(std::size_t token) const;
  bool MentionedBefore(EntityRef ref) const;
  bool HasUnknownFirstName(std::size_t at) const;
  // A gazetteer name or alias (not a bare surname) starts at `at`.
  bool StartsKnownName(std::size_t at) const;

  // Discoveries (discover.cc).
  Candidate CaptureTitledName(std::size_t at, EntityKind kind) const;
  bool TryDefinition(std::size_t at);
  std::optional<std::size_t> DefinitionStart(std::size_t at, std::string_view acronym) const;
  bool InitialsSpell(std::size_t first, std::size_t end, std::string_view acronym) const;
  bool IsAliasAt(EntityRef ref, std::size_t at) const;
  const Entity* KnownByAcronym(std::string_view acronym, std::string_view name) const;
  EntityRef FindLocal(std::string_view id) const;
  EntityRef AddLocal(LocalEntity entity);

  std::string_view Raw(std::size_t token) const;
  std::string_view Folded(std::size_t token) const { return tokens_.Folded(tokens_.tokens[token]); }
  bool Has(std::size_t token, std::uint16_t flag) const { return tokens_.tokens[token].Has(flag); }

  const Gazetteer& gazetteer_;
  const Matcher& matcher_;
  std::span<const Entity> entities_;
  std::string_view text_;
  Tokens& tokens_;
  std::vector<std::uint32_t>& ids_;
  std::vector<Hit>& hits_;
  std::vector<LocalEntity> locals_;
  // Learned from this article: acronyms it defined (exact letters) and the
  // surnames of people it introduced (folded), each with its entity.
  std::vector<std::pair<std::string, EntityRef>> acronyms_;
  std::vector<std::pair<std::string, EntityRef>> surnames_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_EXTRACT_SCAN_H_
