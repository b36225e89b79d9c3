// Entity and exact-value fields. Entity values go through the gazetteer so
// that every way of naming an entity (id, name, alias, surname; any case or
// accents) gives the one term the indexer wrote (docs/query-syntax.md).
#include "query/entity_field.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace gazette::internal {
namespace {

// Lowercase, accents removed: NFKD then drop the combining marks.
std::string Fold(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = utf8proc_option_t(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                         UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                          static_cast<utf8proc_ssize_t>(text.size()), &folded,
                                          options);
  if (n < 0) return Xapian::Unicode::tolower(std::string(text));  // invalid UTF-8
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
  return std::string(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
}

std::string KindLabel(EntityKind kind) {
  switch (kind) {
    case EntityKind::kLeader: return "leader";
    case EntityKind::kPerson: return "person";
    case EntityKind::kOrganization: return "organization";
    case EntityKind::kPlace: return "place";
  }
  return "entity";
}

// The terms one entity id stands for in `field`: `person:` also finds the
// id among leaders, because the indexer files a leader under XLEADER only.
Xapian::Query TermsFor(const schema::Field& field, const std::string& id, ParseContext& context,
                       const std::string& label) {
  const std::string term = std::string(field.prefix) + id;
  context.labels[term] = label;
  if (field.entity_kind != EntityKind::kPerson) return Xapian::Query(term);
  const std::string leader_term = std::string(schema::kPrefixLeader) + id;
  context.labels[leader_term] = label;
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(term), Xapian::Query(leader_term));
}

bool IndexHolds(const schema::Field& field, const std::string& id, ParseContext& context) {
  if (!context.db || id.empty()) return false;
  if (context.db->term_exists(std::string(field.prefix) + id)) return true;
  return field.entity_kind == EntityKind::kPerson &&
         context.db->term_exists(std::string(schema::kPrefixLeader) + id);
}

}  // namespace

std::string EntitySlug(std::string_view text) {
  std::string slug;
  bool pending = false;
  for (unsigned char c : Fold(text)) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!word) {
      pending = !slug.empty();
      continue;
    }
    if (pending) slug += '_';
    pending = false;
    slug += static_cast<char>(c);
  }
  return slug;
}

Xapian::Query EntityQuery(const schema::Field& field, std::string_view value,
                          ParseContext& context, std::string_view where_given) {
  const EntityKind kind = *field.entity_kind;
  const std::string where = where_given.empty()
                                ? std::string(field.name) + ":" + std::string(value)
                                : std::string(where_given);
  if (value.empty()) return context.Fail("missing value in " + where);
  const Entity* entity = context.gazetteer->Resolve(kind, value);
  if (!entity) entity = context.gazetteer->Resolve(kind, Fold(value));
  if (entity) {
    return TermsFor(field, std::string(entity->id), context,
                    fmt::format("{} {} ({})", KindLabel(entity->kind), entity->name, entity->id));
  }
  // Entities the extractor created for names the gazetteer lacks.
  for (const std::string& id : {EntitySlug(value), Fold(value)}) {
    if (IndexHolds(field, id, context))
      return TermsFor(field, id, context, KindLabel(kind) + " " + id + " (not in the gazetteer)");
  }
  std::string message = "unknown " + KindLabel(kind) + " '" + std::string(value) + "' in " + where;
  const auto closest = context.gazetteer->Closest(kind, value, 3);
  for (std::size_t i = 0; i < closest.size(); ++i)
    message += fmt::format("{}{} ({})", i == 0 ? "; closest: " : ", ", closest[i]->name, closest[i]->id);
  return context.Fail(message);
}

Xapian::Query ExactFieldQuery(const schema::Field& field, std::string_view value) {
  if (field.prefix == schema::kPrefixId) return Xapian::Query(schema::IdTerm(value));
  if (field.prefix == schema::kPrefixSource)
    return Xapian::Query(std::string(field.prefix) + schema::SourceSlug(value));
  return Xapian::Query(std::string(field.prefix) + Xapian::Unicode::tolower(std::string(value)));
}

Xapian::Query ExactWordProcessor::operator()(const std::string& value) {
  // The index holds every word as written (stems are only keys of its
  // synonym table), so the exact form is one term.
  const std::string term = Xapian::Unicode::tolower(value);
  if (term.empty()) return context_.Fail("'=' must be followed by a word");
  context_.labels[term] = "exact word, not stemmed";
  return Xapian::Query(term, 1, 1);
}

}  // namespace gazette::internal
