// The schema table and docs/schema.md must agree, and term helpers must keep
// ids and values intact.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "gazette/schema.h"

namespace gazette::schema {
namespace {

std::string ReadDoc() {
  std::ifstream in(std::string(GAZETTE_SOURCE_ROOT) + "/docs/schema.md");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST_CASE("schema: docs/schema.md names every prefix, slot and metadata key") {
  const std::string doc = ReadDoc();
  REQUIRE(!doc.empty());
  for (std::string_view prefix :
       {kPrefixId, kPrefixTitle, kPrefixLanguage, kPrefixLeader, kPrefixPerson,
        kPrefixOrganization, kPrefixPlace, kPrefixSource, kPrefixMentionedYear,
        kPrefixMentionedDate, kPrefixOrigin}) {
    CAPTURE(prefix);
    CHECK(doc.find("`" + std::string(prefix) + "`") != std::string::npos);
  }
  for (unsigned slot : {kSlotDate, kSlotContentHash, kSlotSource, kSlotYear, kSlotMonth,
                        kSlotDateThenId, kSlotLeaders, kSlotPeople, kSlotOrganizations, kSlotPlaces}) {
    CAPTURE(slot);
    CHECK(doc.find("| " + std::to_string(slot) + " |") != std::string::npos);
  }
  for (unsigned first : {kSlotLeadersByPosition, kSlotPeopleByPosition,
                         kSlotOrganizationsByPosition, kSlotPlacesByPosition}) {
    const std::string range =
        std::to_string(first) + ".." + std::to_string(first + kPositionSlots - 1);
    CAPTURE(range);
    CHECK(doc.find("| " + range + " |") != std::string::npos);
  }
  for (std::string_view key : {kMetaSchemaVersion, kMetaGazetteer, kMetaLastIndexed, kMetaWriter}) {
    CAPTURE(key);
    CHECK(doc.find("`" + std::string(key) + "`") != std::string::npos);
  }
  for (const Field& field : Fields()) {
    CAPTURE(field.name);
    CHECK(doc.find("`" + std::string(field.name) + ":`") != std::string::npos);
  }
}

TEST_CASE("schema: every entity field has position slots for remote facets") {
  for (const Field& field : Fields()) {
    CAPTURE(field.name);
    CHECK(field.position_slots.has_value() == (field.type == FieldType::kEntity));
  }
}

TEST_CASE("schema: long ids are shortened but stay distinct") {
  const std::string a(300, 'a');
  std::string b = a;
  b.back() = 'b';
  CHECK(IdTerm("short") == "Qshort");
  CHECK(IdTerm(a).size() < 245);
  CHECK(IdTerm(a) != IdTerm(b));
}

TEST_CASE("schema: source slugs fold case and punctuation") {
  CHECK(SourceSlug("China Daily") == "china_daily");
  CHECK(SourceSlug("  The Times (London) ") == "the_times_london");
}

TEST_CASE("schema: a capitalised value gets Omega's ':' separator") {
  CHECK(PrefixedTerm("XORIGIN", "/data/a.txt") == "XORIGIN/data/a.txt");
  CHECK(PrefixedTerm("XORIGIN", "Data/a.txt") == "XORIGIN:Data/a.txt");
}

}  // namespace
}  // namespace gazette::schema
