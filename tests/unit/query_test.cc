// The query language (docs/query-syntax.md) on a small hand-made index: one
// case per syntax element, entity resolution, date expressions and errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <iterator>

#include "gazette/problem.h"
#include "query/date_field.h"
#include "search_fixture.h"

namespace gazette::testing {
namespace {

using internal::DayRange;

TEST_CASE("query: words are stemmed and ANDed; =word is the exact form") {
  SearchFixture f;
  CHECK(f.Ids("summits") == Ids{"bishkek", "brasilia", "osaka", "summitry"});
  CHECK(f.Ids("=summits") == Ids{"summitry"});
  CHECK(f.Ids("summit trade") == Ids{"bishkek", "brasilia", "osaka"});
  // A stray bracket makes Xapian parse the words plainly, without the flag
  // that expands a stem into its words.
  CHECK(f.Ids("summits )") == f.Ids("summits"));
  CHECK(f.Ids("summits ) trade") == f.Ids("summit trade"));
}

TEST_CASE("query: phrases, boolean operators, love/hate, NEAR, wildcards, parentheses") {
  SearchFixture f;
  const std::pair<std::string, Ids> cases[] = {
      {"\"climate change\"", {"undated"}},
      {"\"trade war\"", {"osaka"}},
      {"oil OR climate", {"oil", "undated"}},
      {"summit NOT trade", {"summitry"}},
      {"summit AND NOT truce", {"bishkek", "brasilia", "summitry"}},
      {"summit -truce", {"bishkek", "brasilia", "summitry"}},
      {"+lavrov security", {"brasilia", "yesterday"}},
      {"trump NEAR sidelines", {"osaka"}},
      {"summ*", {"bishkek", "brasilia", "osaka", "summitry"}},
      {"(oil OR climate) AND fail*", {"oil", "undated"}},
      {"title:summit", {"bishkek", "brasilia", "osaka", "summitry"}},
      {"title:\"trade truce\"", {"osaka"}},
  };
  for (const auto& [query, expected] : cases) {
    CAPTURE(query);
    CHECK(f.Ids(query) == expected);
  }
}

TEST_CASE("query: every way of naming an entity gives the same matches") {
  SearchFixture f;
  const Ids putin = {"bishkek", "brasilia", "moscow", "osaka"};
  for (const char* q : {"leader:putin", "leader:Putin", "leader:PUTIN", "leader:\"Vladimir Putin\"",
                        "leader:vladimir_putin", "leader:Путин", "leader:\"President Putin\""}) {
    CAPTURE(q);
    CHECK(f.Ids(q) == putin);
  }
  for (const char* q : {"org:sco", "org:SCO", "org:\"Shanghai Cooperation Organisation\"",
                        "org:\"shanghai cooperation organization\""}) {
    CAPTURE(q);
    CHECK(f.Ids(q) == Ids{"bishkek"});
  }
  CHECK(f.Ids("leader:\"Shinzo Abe\"") == Ids{"osaka"});
  CHECK(f.Ids("leader:\"shinzō abe\"") == Ids{"osaka"});
  CHECK(f.Ids("place:bishkek") == Ids{"bishkek"});
}

TEST_CASE("query: person: matches people and leaders") {
  SearchFixture f;
  CHECK(f.Ids("person:lavrov") == Ids{"brasilia", "yesterday"});
  CHECK(f.Ids("person:trump") == Ids{"hanoi", "osaka", "summitry"});
}

TEST_CASE("query: an entity the index has but the gazetteer lacks is accepted") {
  SearchFixture f;
  CHECK(f.Ids("person:jane_doe") == Ids{"summitry"});
  CHECK(f.Ids("person:\"Jane Doe\"") == Ids{"summitry"});
}

TEST_CASE("query: values of one entity field AND in the query, OR as flags") {
  SearchFixture f;
  CHECK(f.Ids("leader:putin leader:trump") == Ids{"osaka"});
  CHECK(f.Ids("leader:putin OR leader:trump") == Ids{"bishkek", "brasilia", "hanoi", "moscow", "osaka", "summitry"});
  Filters either;
  either.leaders = {"putin", "trump"};
  CHECK(f.Ids("", either) == Ids{"bishkek", "brasilia", "hanoi", "moscow", "osaka", "summitry"});
  Filters across;
  across.leaders = {"putin"};
  across.orgs = {"sco", "brics"};
  CHECK(f.Ids("", across) == Ids{"bishkek", "brasilia"});
  CHECK(f.Ids("leader:putin org:g20") == Ids{"osaka"});
  CHECK(f.Ids("summit", across) == Ids{"bishkek", "brasilia"});
}

TEST_CASE("query: source:, lang:, id: match exactly; one field's values OR") {
  SearchFixture f;
  CHECK(f.Ids("source:\"China Daily\"") == Ids{"moscow", "yesterday"});
  CHECK(f.Ids("source:china_daily") == Ids{"moscow", "yesterday"});
  CHECK(f.Ids("source:\"China Daily\" source:\"Gazette Wire\" summit") == Ids{"bishkek", "brasilia", "osaka"});
  CHECK(f.Ids("id:oil") == Ids{"oil"});
  CHECK(f.Ids("lang:en oil").size() == 1);
  Filters sources;
  sources.sources = {"Daily Planet"};
  CHECK(f.Ids("fail*", sources) == Ids{"oil", "undated"});
}

TEST_CASE("query: NOT alone excludes from every article") {
  SearchFixture f;
  CHECK(f.Ids("NOT leader:trump NOT leader:putin") == Ids{"oil", "undated", "yesterday"});
}

std::string BadQueryMessage(SearchFixture& f, const std::string& text, const Filters& filters = {}) {
  try {
    f.Parse(text, filters);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kBadQuery);
    return e.what();
  }
  return "(no error)";
}

TEST_CASE("query: a query of -parts only excludes from every article too") {
  // Xapian's parser fails on a query that only hates and parses it again
  // without operators: `-summit` found the articles with summit.
  SearchFixture f;
  Ids all;
  for (const Article& a : f.articles()) all.push_back(a.id);
  std::sort(all.begin(), all.end());
  const std::pair<std::string, std::string> cases[] = {
      {"-summit", "summit"},
      {"-leader:putin", "leader:putin"},
      {"-\"trade war\"", "\"trade war\""},
      {"-(oil OR climate)", "oil OR climate"},
      {"-summit -leader:putin", "summit OR leader:putin"},
      {"-=summits", "=summits"},
  };
  for (const auto& [negated, matched] : cases) {
    CAPTURE(negated);
    const Ids with = f.Ids(matched);
    REQUIRE_FALSE(with.empty());
    Ids without;
    std::set_difference(all.begin(), all.end(), with.begin(), with.end(),
                        std::back_inserter(without));
    CHECK(f.Ids(negated) == without);
  }
  // Mixed with a positive part, Xapian reads the '-' itself.
  CHECK(f.Ids("summit -truce") == Ids{"bishkek", "brasilia", "summitry"});
  // Alone inside brackets or beside OR, Xapian would drop every operator
  // and answer `summit truce`: an error instead.
  for (const char* alone : {"summit (-truce)", "-summit OR -truce", "(-truce) summit"}) {
    CAPTURE(alone);
    CHECK(BadQueryMessage(f, alone).find("'-' parts alone") != std::string::npos);
  }
  // So is NEAR with a phrase or a wildcard, which Xapian would read as
  // `trump near trade war`.
  for (const char* near : {"trump NEAR \"trade war\"", "summ* NEAR trump", "summit ADJ"}) {
    CAPTURE(near);
    CHECK(BadQueryMessage(f, near).find("only as plain words") != std::string::npos);
  }
  // Syntax that parses the same with or without operators is no error.
  for (const char* fine : {"\"Trump\"", "(summit)", "+summit", "summit AND trade", "summ*"})
    CHECK_NOTHROW(f.Parse(fine));
  CHECK(f.Ids("summit (NOT truce)") == Ids{"bishkek", "brasilia", "summitry"});
}

TEST_CASE("dates: expressions and the days they cover") {
  const std::pair<const char*, DayRange> accepted[] = {
      {"2019", {20190101, 20191231}},
      {"2019-06", {20190601, 20190630}},
      {"2020-02", {20200201, 20200229}},
      {"2019-06-14", {20190614, 20190614}},
      {"2019-6-1", {20190601, 20190601}},
      {"2019..2021", {20190101, 20211231}},
      {"2019-06-01..2019-06-30", {20190601, 20190630}},
      {"2021-03..", {20210301, 0}},
      {"..2020", {0, 20201231}},
      {"today", {20210410, 20210410}},
      {"yesterday", {20210409, 20210409}},
      {"30d", {20210311, 20210311}},
      {"30d..", {20210311, 0}},
      {"2w..", {20210327, 0}},
      {"1m..", {20210310, 0}},
      {"1y..", {20200410, 0}},
      {"last-month", {20210301, 20210331}},
      {"this-month", {20210401, 20210430}},
      {"last-week", {20210329, 20210404}},
      {"this-week", {20210405, 20210411}},
      {"last-year", {20200101, 20201231}},
      {"this-year", {20210101, 20211231}},
  };
  for (const auto& [text, expected] : accepted) {
    CAPTURE(text);
    std::string why;
    const auto got = internal::ParseDateSpan(text, kFixtureNow, &why);
    CAPTURE(why);
    REQUIRE(got);
    CHECK(*got == expected);
  }
  for (const char* refused : {"2019-13", "2019-02-30", "19", "06/01/2019", "soon", "..", "2021..2019",
                              "2019-06-01x", "d"}) {
    CAPTURE(refused);
    std::string why;
    CHECK_FALSE(internal::ParseDateSpan(refused, kFixtureNow, &why));
    CHECK_FALSE(why.empty());
  }
}

TEST_CASE("query: date: and year: filter on the publication day") {
  SearchFixture f;
  const std::pair<std::string, Ids> cases[] = {
      {"date:2019-06-01..2019-06-30", {"bishkek", "moscow", "osaka"}},
      {"date:2019-06", {"bishkek", "moscow", "osaka"}},
      {"date:2020..2021", {"oil", "summitry", "yesterday"}},
      {"date:2021-03..", {"summitry", "yesterday"}},
      {"date:..2019-02-28", {"hanoi"}},
      {"year:2020", {"oil"}},
      {"year:2019..2019 summit", {"bishkek", "brasilia", "osaka"}},
      {"date:30d..", {"summitry", "yesterday"}},
      {"date:yesterday..", {"yesterday"}},
      {"date:yesterday", {"yesterday"}},
      {"date:last-month", {"summitry"}},
      {"date:2019.. date:..2019-06-10", {"hanoi", "moscow"}},
  };
  for (const auto& [query, expected] : cases) {
    CAPTURE(query);
    CHECK(f.Ids(query) == expected);
  }
  Filters since;
  since.since = "2019-11";
  since.until = "2020";
  CHECK(f.Ids("", since) == Ids{"brasilia", "oil"});
}

TEST_CASE("query: GAZETTE_NOW formats") {
  CHECK(internal::ParseNow("1618056000") == 1618056000);
  CHECK(internal::ParseNow("2021-04-10") == 1618012800);
  CHECK(internal::ParseNow("2021-04-10T12:00:00Z") == 1618056000);
  CHECK_FALSE(internal::ParseNow("April"));
  CHECK_FALSE(internal::ParseNow("2021-02-30"));
}

TEST_CASE("query: errors say what and where") {
  SearchFixture f;
  const std::string unknown = BadQueryMessage(f, "summit leader:putn");
  CHECK(unknown.find("unknown leader 'putn' in leader:putn") != std::string::npos);
  CHECK(unknown.find("Vladimir Putin") != std::string::npos);
  CHECK(BadQueryMessage(f, "org:nato").find("unknown organization 'nato'") != std::string::npos);
  Filters flag;
  flag.orgs = {"natoo"};
  CHECK(BadQueryMessage(f, "", flag).find("in --org natoo") != std::string::npos);
  CHECK(BadQueryMessage(f, "date:2019-13").find("month 13 does not exist in date:2019-13") !=
        std::string::npos);
  CHECK(BadQueryMessage(f, "date:2021..2019").find("ends before it starts") != std::string::npos);
  CHECK(BadQueryMessage(f, "year:2019-06").find("year:") != std::string::npos);
  CHECK(BadQueryMessage(f, "summit AND").find("summit AND") != std::string::npos);
  // A field left without its value is not the word: `leader:` would find "leader".
  for (const char* empty : {"leader:", "summit place:", "title: summit", "(org:) summit",
                            "-source: x", "date:", "year:\tx"})
    CHECK(BadQueryMessage(f, empty).find("has no value in") != std::string::npos);
  CHECK(BadQueryMessage(f, "summit place:").find("'place:' has no value") != std::string::npos);
  for (const char* fine : {"\"place: of\" summit", "summit", "replace: summit", "title:summit"})
    CHECK_NOTHROW(f.Parse(fine, {}));
  Filters since;
  since.since = "tomorrowish";
  CHECK(BadQueryMessage(f, "", since).find("--since tomorrowish") != std::string::npos);
  for (const std::string& message : {unknown, BadQueryMessage(f, "(summit")})
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("query: a misspelt word gets a suggestion") {
  SearchFixture f;
  CHECK(f.Parse("sumit leader:putin").suggestion == "summit leader:putin");
  CHECK(f.Parse("summit").suggestion.empty());
  CHECK(f.Parse("\"climate chnage\"").suggestion == "\"climate change\"");
}

TEST_CASE("query: suggestions from the speller held in memory are Xapian's") {
  // The first ask on a Database goes to Xapian's speller; later ones to the
  // copy in memory, which may only skip Xapian when it would change nothing.
  SearchFixture warm;
  CHECK(warm.db().spelling_index() == nullptr);
  REQUIRE(warm.db().spelling_index() != nullptr);
  int suggested = 0;
  for (const char* query : {"sumit leader:putin", "summit", "\"climate chnage\"", "\"trade wars\"",
                            "Sumit", "tarde truce", "climate NOT chnage", "title:sumit trade",
                            "=sumit", "summit OR oill", "lavrvo", "summ* sidelnes", "SUMIT", "sUMIT",
                            "sumit -trade", "(oill OR climat) AND fail*", "sumit's", "lavrov's sumit",
                            "trade-sumit", "summits' trde"}) {
    CAPTURE(query);
    SearchFixture cold;
    const std::string expected = cold.Parse(query).suggestion;
    CHECK(warm.Parse(query).suggestion == expected);
    suggested += !expected.empty();
  }
  CHECK(suggested >= 8);
}

TEST_CASE("query: the speller in memory leaves words with an apostrophe to Xapian") {
  // "Neil's" -> "neil" is two words becoming one to WorthSuggesting, which
  // then keeps the correction although "neil's" is indexed: the copy in
  // memory must not skip Xapian's parse for it. ("zzqx", unknown, makes the
  // query worth checking at all.)
  std::vector<Article> extra;
  for (const char* body : {"Neil's plan.", "Neil spoke.", "Neil left.", "Neil came."}) {
    Article a;
    a.id = "extra-" + std::to_string(extra.size());
    a.title = "Talks";
    a.body = body;
    a.language = "en";
    extra.push_back(a);
  }
  SearchFixture warm(extra);
  (void)warm.db().spelling_index();
  REQUIRE(warm.db().spelling_index() != nullptr);
  SearchFixture cold(extra);
  const std::string expected = cold.Parse("Neil's zzqx").suggestion;
  CHECK(expected == "neil zzqx");
  CHECK(warm.Parse("Neil's zzqx").suggestion == expected);
}

TEST_CASE("query: a word the index holds in another form is not corrected") {
  SearchFixture f;
  // A phrase searches "wars" as typed; the index has "war", so the word is
  // spelt right and the empty result is the answer, not a typo.
  CHECK(f.Ids("\"trade wars\"").empty());
  CHECK(f.Parse("\"trade wars\"").suggestion.empty());
}

TEST_CASE("query: filters alone do not rank; words do") {
  SearchFixture f;
  CHECK_FALSE(f.Parse("leader:putin date:2019").has_words);
  CHECK_FALSE(f.Parse("").has_words);
  CHECK(f.Parse("summit leader:putin").has_words);
  CHECK(f.Parse("summ*").has_words);
}

TEST_CASE("query: explain shows entities, stems and absolute dates") {
  SearchFixture f;
  const std::string text = Explain(f.Parse("summits leader:Путин date:2019..2020 =trade"));
  CAPTURE(text);
  CHECK(text.find("leader Vladimir Putin (vladimir_putin)") != std::string::npos);
  CHECK(text.find("[XLEADERvladimir_putin]") != std::string::npos);
  CHECK(text.find("word, stemmed: summit") != std::string::npos);
  CHECK(text.find("date 2019-01-01 .. 2020-12-31") != std::string::npos);
  CHECK(text.find("exact word") != std::string::npos);
}

}  // namespace
}  // namespace gazette::testing
