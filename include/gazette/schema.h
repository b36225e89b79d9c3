// Every term prefix, value slot and metadata key gazette writes, in one table.
// The indexer (schema/document.cc) and the query parser (query/) both read it;
// docs/schema.md documents each entry (a unit test checks it names them all).
#ifndef GAZETTE_SCHEMA_H_
#define GAZETTE_SCHEMA_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "gazette/article.h"

namespace gazette::schema {

// Bump when terms, values or document data change meaning; older indexes are
// then refused (except by rebuild/inspect/export) until `gazette rebuild`.
// 2: a date-then-id sort slot (order of ties) and entity ids one per slot.
// 3: the document data is "field=value" lines, a blank line, then the body
//    (schema 2: the whole article as JSON), so a hit is decoded without a JSON parse.
// 4: no "Z" terms: stems are keys of the synonym table (src/db/stem_table.h).
inline constexpr int kSchemaVersion = 4;

// Term prefixes. Stored on disk: never renumber or reuse.
// Single letters follow Xapian Omega's conventions; ours start with X.
inline constexpr std::string_view kPrefixId = "Q";        // Q<article id>
inline constexpr std::string_view kPrefixTitle = "S";     // title words
inline constexpr std::string_view kPrefixLanguage = "L";  // L<iso639>
inline constexpr std::string_view kPrefixLeader = "XLEADER";
inline constexpr std::string_view kPrefixPerson = "XPERSON";
inline constexpr std::string_view kPrefixOrganization = "XORG";
inline constexpr std::string_view kPrefixPlace = "XPLACE";
inline constexpr std::string_view kPrefixSource = "XSOURCE";  // source slug
inline constexpr std::string_view kPrefixMentionedYear = "XMYEAR";  // XMYEAR2013
inline constexpr std::string_view kPrefixMentionedDate = "XMDATE";  // XMDATE20130621
inline constexpr std::string_view kPrefixOrigin = "XORIGIN";  // source file path

// Value slots. Stored on disk: never renumber or reuse.
inline constexpr unsigned kSlotDate = 0;         // "YYYYMMDD" (UTC), sortable
inline constexpr unsigned kSlotContentHash = 1;  // hex hash of the input
inline constexpr unsigned kSlotSource = 2;       // source slug (facet)
inline constexpr unsigned kSlotYear = 3;         // "YYYY" (facet)
inline constexpr unsigned kSlotMonth = 4;        // "YYYY-MM" (facet)
// "1" + YYYYMMDD + article id, or "0" + id when undated: a total order by
// date that breaks ties without docids, which differ once an index is split
// into shards (Xapian's remote backend refuses KeyMakers, so it is stored).
inline constexpr unsigned kSlotDateThenId = 5;
// Multi-valued entity facets: canonical ids joined by kValueSeparator.
inline constexpr unsigned kSlotLeaders = 10;
inline constexpr unsigned kSlotPeople = 11;
inline constexpr unsigned kSlotOrganizations = 12;
inline constexpr unsigned kSlotPlaces = 13;
inline constexpr char kValueSeparator = '\x1f';
// The same ids again, the i-th distinct id of a field alone in slot first+i,
// i < kPositionSlots: Xapian's built-in ValueCountMatchSpy counts one value
// per slot, and it is the only spy a remote shard (xapian-tcpsrv) will run.
// Ids past the 32nd are not counted remotely (docs/scaling.md). Each range
// has room for 100 so that kPositionSlots can grow without renumbering.
inline constexpr unsigned kPositionSlots = 32;
inline constexpr unsigned kSlotLeadersByPosition = 100;        // 100..131
inline constexpr unsigned kSlotPeopleByPosition = 200;         // 200..231
inline constexpr unsigned kSlotOrganizationsByPosition = 300;  // 300..331
inline constexpr unsigned kSlotPlacesByPosition = 400;         // 400..431

// Metadata keys. Stored on disk: never rename.
inline constexpr std::string_view kMetaSchemaVersion = "gazette.schema_version";
inline constexpr std::string_view kMetaGazetteer = "gazette.gazetteer_fingerprint";
inline constexpr std::string_view kMetaLastIndexed = "gazette.last_indexed";
inline constexpr std::string_view kMetaWriter = "gazette.writer_version";
// How many sub-databases a fresh build merged into this one. Xapian's
// compactor concatenates their posting-list chunks without repacking them,
// so each term's postings come in up to that many chunks, which the facet
// counter's cost model needs (search/facets.cc).
inline constexpr std::string_view kMetaMergedParts = "gazette.merged_parts";

// Weight of a title word relative to a body word (the title is indexed twice:
// with prefix S for `title:` and unprefixed with this wdf increment).
inline constexpr unsigned kTitleWeight = 3;

enum class FieldType {
  kFreeText,  // parsed, stemmed, scored: `title:summit`
  kBoolean,   // an exact filter term, weight 0: `source:`, `lang:`, `id:`
  kEntity,    // a boolean term keyed by a canonical gazetteer id
};

// One queryable field: the query-language name, its term prefix, and the
// value slot holding it for facets (nullopt: no facet).
struct Field {
  std::string_view name;
  std::string_view prefix;
  FieldType type;
  std::optional<unsigned> facet_slot;
  std::optional<EntityKind> entity_kind;
  // Entity fields: the first of the kPositionSlots slots holding one id each.
  std::optional<unsigned> position_slots = std::nullopt;
};

// Every field of the query language, in documentation order.
std::span<const Field> Fields();
// The field named `name` ("leader", "org", ...), or nullptr.
const Field* FindField(std::string_view name);
// The entity field for `kind`.
const Field& EntityField(EntityKind kind);

// Q<id>. Ids longer than Xapian's term limit allows are hashed; use this
// everywhere rather than building the term by hand.
std::string IdTerm(std::string_view article_id);
// Prefix + value, with Omega's ':' separator when the value starts with a capital.
std::string PrefixedTerm(std::string_view prefix, std::string_view value);
// Lowercase ASCII slug of an outlet name: "China Daily" -> "china_daily".
std::string SourceSlug(std::string_view source);
// A free-text word as written: every prefix, Z (stemmed) included, starts
// with a capital (Omega's rule), so a word is a term that does not.
inline bool IsUnprefixedWord(std::string_view term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}

}  // namespace gazette::schema

#endif  // GAZETTE_SCHEMA_H_
