// The values DocumentBuilder writes for remote facets and stable ordering:
// what a sharded search counts and sorts by (docs/scaling.md).
#include "gazette/document.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "gazette/article_json.h"
#include "gazette/problem.h"
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

TEST_CASE("document data: every field comes back, whatever characters it holds") {
  DocumentBuilder builder;
  Article article = WithPlaces({"ufa"});
  // Newlines, tabs and backslashes would end a line or split a mention.
  article.title = "Talks\tin \\Ufa\\\nday two";
  article.body = "Leaders met in \"Ufa\".\n\nThey agreed {on trade}.\n";
  article.published = MakeDay(2019, 6, 14);
  article.published->has_time = true;
  article.published->unix_seconds += 3 * 3600;
  article.published->utc_offset_minutes = 180;
  article.source = "Wire=Service";
  article.url = "https://example.org/a?b=c";
  article.language = "en";
  article.origin = "in/a.txt";
  article.leaders.push_back(Mention{"vladimir_putin", "Vladimir Putin", 2, 17, "President\tPutin"});
  article.mentioned_dates = {"2019", "2019-06-15"};
  const Xapian::Document doc = builder.Build(article, "hash");
  CHECK(ArticleFromDocument(doc) == article);
  // The body follows the first blank line as it is, so a snippet needs no decoding.
  const std::string data = doc.get_data();
  CHECK(data.substr(data.find("\n\n") + 2) == article.body);

  // A search hit's decoding leaves out only what no result shows.
  Article shown = article;
  shown.origin.clear();
  shown.mentioned_dates.clear();
  for (EntityKind kind : kAllEntityKinds)
    for (Mention& m : shown.mentions(kind)) m.alias.clear();
  CHECK(ShownArticleFromDocument(doc) == shown);
  CHECK(ShownArticleFromData(doc.get_data(), 1) == shown);
}

TEST_CASE("document data: schema 2's form, the article as JSON, still reads (for rebuild)") {
  Article article = WithPlaces({"ufa"});
  article.body = "Ministers met.\nAgain.";
  CHECK(ArticleFromData(ArticleToJson(article).dump()) == article);
}

TEST_CASE("document data: damaged data is an error, not a half-read article") {
  CHECK_THROWS_AS(ArticleFromData(""), Error);
  CHECK_THROWS_AS(ArticleFromData("{not json"), Error);
  CHECK_THROWS_AS(ArticleFromData("id=a1\ntitle=T"), Error);   // no blank line
  CHECK_THROWS_AS(ArticleFromData("title=T\n\nbody"), Error);  // no id
  CHECK_THROWS_AS(ArticleFromData("id=a1\nleader=x\ty\tmany\t0\t\n\n"), Error);
  CHECK_THROWS_AS(ArticleFromData("id=a1\ndate=2019-02-30\n\n"), Error);
  CHECK(ArticleFromData("id=a1\nlater_field=1\n\nBody.").body == "Body.");
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
