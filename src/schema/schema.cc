// The field table of schema.h and the helpers that build terms from it.
#include "gazette/schema.h"

#include <array>
#include <cctype>

#include "hash.h"

namespace gazette::schema {
namespace {

constexpr std::array kFields = {
    Field{"title", kPrefixTitle, FieldType::kFreeText, std::nullopt, std::nullopt},
    Field{"leader", kPrefixLeader, FieldType::kEntity, kSlotLeaders, EntityKind::kLeader,
          kSlotLeadersByPosition},
    Field{"person", kPrefixPerson, FieldType::kEntity, kSlotPeople, EntityKind::kPerson,
          kSlotPeopleByPosition},
    Field{"org", kPrefixOrganization, FieldType::kEntity, kSlotOrganizations,
          EntityKind::kOrganization, kSlotOrganizationsByPosition},
    Field{"place", kPrefixPlace, FieldType::kEntity, kSlotPlaces, EntityKind::kPlace,
          kSlotPlacesByPosition},
    Field{"source", kPrefixSource, FieldType::kBoolean, kSlotSource, std::nullopt},
    Field{"lang", kPrefixLanguage, FieldType::kBoolean, std::nullopt, std::nullopt},
    Field{"id", kPrefixId, FieldType::kBoolean, std::nullopt, std::nullopt},
};

// Xapian refuses terms over 245 bytes; leave room for the prefix.
constexpr std::size_t kMaxIdBytes = 200;

}  // namespace

std::span<const Field> Fields() { return kFields; }

const Field* FindField(std::string_view name) {
  for (const Field& field : kFields)
    if (field.name == name) return &field;
  return nullptr;
}

const Field& EntityField(EntityKind kind) {
  for (const Field& field : kFields)
    if (field.entity_kind == kind) return field;
  return kFields[0];  // unreachable: every kind has a field
}

std::string IdTerm(std::string_view article_id) {
  std::string term(kPrefixId);
  if (article_id.size() <= kMaxIdBytes) {
    term += article_id;
  } else {
    // Keep a readable head; the hash of the whole id keeps it unique.
    term += article_id.substr(0, 64);
    term += '#';
    term += internal::HexHash(article_id);
  }
  return term;
}

std::string PrefixedTerm(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (!value.empty() && (std::isupper(static_cast<unsigned char>(value[0])) || value[0] == ':'))
    term += ':';
  term += value;
  return term;
}

std::string SourceSlug(std::string_view source) {
  std::string slug;
  bool pending_separator = false;
  for (unsigned char c : source) {
    if (std::isalnum(c)) {
      if (pending_separator && !slug.empty()) slug += '_';
      pending_separator = false;
      slug += static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      slug += static_cast<char>(c);  // keep non-ASCII names distinct
    } else {
      pending_separator = true;
    }
  }
  return slug;
}

}  // namespace gazette::schema
