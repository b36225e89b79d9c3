// The values DocumentBuilder writes for remote facets and stable ordering:
// what a sharded search counts and sorts by (docs/scaling.md).
#include "gazette/document.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "gazette/schema.h"

namespace gazette {
namespace {

Article WithPlaces(const std::vector<std::string>& ids) {
  Article article;
  article.id = "a1";
  article.title = "Summit";
  article.body = "Leaders met.";
  for (const std::string& id : ids) article.places.push_back(Mention{id, id, 1, 0, ""});
  return article;
}

// The values of a field's position slots, up to the first empty one.
std::vector<std::string> PositionValues(const Xapian::Document& doc, unsigned first) {
  std::vector<std::string> values;
  for (unsigned i = 0; i < schema::kPositionSlots; ++i) {
    std::string value = doc.get_value(first + i);
    if (value.empty()) break;
    values.push_back(std::move(value));
  }
  return values;
}

TEST_CASE("document: each entity id also sits alone in a slot of its own, in article order") {
  DocumentBuilder builder;
  Article article = WithPlaces({"moscow", "beijing", "ufa"});
  article.leaders.push_back(Mention{"vladimir_putin", "Vladimir Putin", 2, 0, ""});
  article.organizations.push_back(Mention{"sco", "SCO", 1, 0, ""});
  const Xapian::Document doc = builder.Build(article, "h");
  CHECK(PositionValues(doc, schema::kSlotPlacesByPosition) ==
        std::vector<std::string>{"moscow", "beijing", "ufa"});
  CHECK(PositionValues(doc, schema::kSlotLeadersByPosition) ==
        std::vector<std::string>{"vladimir_putin"});
  CHECK(PositionValues(doc, schema::kSlotOrganizationsByPosition) ==
        std::vector<std::string>{"sco"});
  CHECK(PositionValues(doc, schema::kSlotPeopleByPosition).empty());
  // The joined slot the local facet counter reads is unchanged.
  CHECK(doc.get_value(schema::kSlotPlaces) ==
        "moscow\x1f"
        "beijing\x1f"
        "ufa");
}

TEST_CASE("document: an id named twice fills one position slot, so it is counted once") {
  DocumentBuilder builder;
  const Xapian::Document doc =
      builder.Build(WithPlaces({"moscow", "ufa", "moscow", "", "kazan"}), "h");
  CHECK(PositionValues(doc, schema::kSlotPlacesByPosition) ==
        std::vector<std::string>{"moscow", "ufa", "kazan"});
}

TEST_CASE(
    "document: ids past kPositionSlots stay out of the position slots, not out of the index") {
  std::vector<std::string> ids;
  for (unsigned i = 0; i < schema::kPositionSlots + 3; ++i)
    ids.push_back("place" + std::to_string(i));
  DocumentBuilder builder;
  const Xapian::Document doc = builder.Build(WithPlaces(ids), "h");
  const std::vector<std::string> kept = PositionValues(doc, schema::kSlotPlacesByPosition);
  REQUIRE(kept.size() == schema::kPositionSlots);
  CHECK(kept.back() == "place" + std::to_string(schema::kPositionSlots - 1));
  CHECK(doc.get_value(schema::kSlotPlacesByPosition + schema::kPositionSlots).empty());
  // Filters and local facets still see every id.
  const std::string last = "place" + std::to_string(schema::kPositionSlots + 2);
  CHECK(doc.get_value(schema::kSlotPlaces).ends_with(last));
  Xapian::TermIterator term = doc.termlist_begin();
  term.skip_to(std::string(schema::kPrefixPlace) + last);
  CHECK(term != doc.termlist_end());
  CHECK(*term == std::string(schema::kPrefixPlace) + last);
}

TEST_CASE("document: date then id, a sort key that orders ties without docids") {
  DocumentBuilder builder;
  Article article = WithPlaces({});
  CHECK(builder.Build(article, "h").get_value(schema::kSlotDateThenId) == "0a1");
  article.published = MakeDay(2019, 6, 14);
  CHECK(builder.Build(article, "h").get_value(schema::kSlotDateThenId) == "120190614a1");
}

TEST_CASE("document data: the body follows the JSON and comes back whole") {
  DocumentBuilder builder;
  Article article = WithPlaces({"ufa"});
  // Newlines and quotes in the body must survive: the first newline ends the JSON.
  article.body = "Leaders met in \"Ufa\".\n\nThey agreed {on trade}.\n";
  const Xapian::Document doc = builder.Build(article, "hash");
  const std::string data = doc.get_data();
  CHECK(data.substr(data.find('\n') + 1) == article.body);
  CHECK(data.substr(0, data.find('\n')).find("They agreed") == std::string::npos);
  const Article back = ArticleFromDocument(doc);
  CHECK(back.body == article.body);
  CHECK(back.title == "Summit");
  REQUIRE(back.places.size() == 1);
  CHECK(back.places[0].id == "ufa");
}

TEST_CASE("document data: schema 2's form, the body inside the JSON, still reads (for rebuild)") {
  Xapian::Document doc;
  doc.set_data(R"({"id":"old","title":"Talks","body":"Ministers met.\nAgain.","leaders":[]})");
  const Article article = ArticleFromDocument(doc);
  CHECK(article.id == "old");
  CHECK(article.body == "Ministers met.\nAgain.");
}

TEST_CASE("schema: position slot ranges overlap neither each other nor the other slots") {
  const unsigned firsts[] = {schema::kSlotLeadersByPosition, schema::kSlotPeopleByPosition,
                             schema::kSlotOrganizationsByPosition, schema::kSlotPlacesByPosition};
  const unsigned singles[] = {schema::kSlotDate,          schema::kSlotContentHash,
                              schema::kSlotSource,        schema::kSlotYear,
                              schema::kSlotMonth,         schema::kSlotDateThenId,
                              schema::kSlotLeaders,       schema::kSlotPeople,
                              schema::kSlotOrganizations, schema::kSlotPlaces};
  for (unsigned a : firsts) {
    CAPTURE(a);
    for (unsigned b : firsts)
      CHECK((a == b || a + schema::kPositionSlots <= b || b + schema::kPositionSlots <= a));
    for (unsigned s : singles) CHECK((s < a || s >= a + schema::kPositionSlots));
  }
}

}  // namespace
}  // namespace gazette
