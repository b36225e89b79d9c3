// The JSON form of an article is the index's document data and the export
// format: it must round-trip every field.
#include <doctest/doctest.h>

#include "gazette/article_json.h"
#include "gazette/problem.h"

namespace gazette {
namespace {

TEST_CASE("article json: every field survives a round trip") {
  Article a;
  a.id = "2019/sco.txt";
  a.title = "Leaders meet in Bishkek";
  a.body = "Body text with \"quotes\" and ünïcode.";
  a.published = MakeDay(2019, 6, 14);
  a.published->has_time = true;
  a.published->unix_seconds += 9 * 3600 + 30 * 60;
  a.published->utc_offset_minutes = 360;
  a.source = "Gazette Wire";
  a.url = "https://example.org/sco";
  a.language = "en";
  a.origin = "/data/2019/sco.txt";
  a.leaders = {Mention{"vladimir_putin", "Vladimir Putin", 3, 17, "Putin"}};
  a.organizations = {Mention{"sco", "Shanghai Cooperation Organisation", 1, 40, "SCO"}};
  a.mentioned_dates = {"2013", "2019-06-14"};

  const Article b = ArticleFromJson(ArticleToJson(a));
  CHECK(b.id == a.id);
  CHECK(b.title == a.title);
  CHECK(b.body == a.body);
  REQUIRE(b.published.has_value());
  CHECK(*b.published == *a.published);
  CHECK(b.published->Iso8601() == "2019-06-14T09:30:00Z");
  CHECK(b.source == a.source);
  CHECK(b.url == a.url);
  CHECK(b.language == a.language);
  CHECK(b.origin == a.origin);
  CHECK(b.leaders == a.leaders);
  CHECK(b.organizations == a.organizations);
  CHECK(b.people.empty());
  CHECK(b.mentioned_dates == a.mentioned_dates);
}

TEST_CASE("article json: an undated article stays undated") {
  Article a;
  a.id = "x";
  const Article b = ArticleFromJson(ArticleToJson(a));
  CHECK(!b.published.has_value());
  CHECK(ArticleToJson(a)["date"].is_null());
}

TEST_CASE("article json: a malformed object is a corrupt-data error") {
  CHECK_THROWS_AS(ArticleFromJson(nlohmann::json{{"title", "no id"}}), Error);
}


TEST_CASE("stored dates: the forms Iso8601() writes read back, anything else refused") {
  for (const char* written : {"2019-06-14", "2019-06-14T06:30:00Z", "2000-02-29T23:59:59Z"}) {
    CAPTURE(written);
    const auto read = ParseIso8601(written, std::nullopt);
    REQUIRE(read);
    CHECK(read->Iso8601() == written);
  }
  for (const char* refused : {"", "2019-6", "2019-02-30", "2019-06-14T24:00:00Z",
                              "2019-06-14T06:61:00Z", "2019-06-14T06:30", "2019-06-14T06:30:00",
                              "2019-06-14 06:30:00Z", " 2019-06-14", "14-06-2019", "2019/06/14"}) {
    CAPTURE(refused);
    CHECK_FALSE(ParseIso8601(refused, std::nullopt));
  }
}

}  // namespace
}  // namespace gazette
