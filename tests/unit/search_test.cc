// Search(): ordering, paging, totals, snippets, and facets whose counts are
// checked against counts computed independently from the fixture articles.
#include <doctest/doctest.h>

#include <map>

#include "gazette/problem.h"
#include "search_fixture.h"

namespace gazette::testing {
namespace {

SearchResult Run(SearchFixture& f, const std::string& q, SearchOptions options = {},
                 const Filters& filters = {}) {
  return Search(f.db(), f.Parse(q, filters), options, f.gazetteer());
}

std::vector<std::string> HitIds(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const Hit& h : r.hits) ids.push_back(h.article.id);
  return ids;
}

TEST_CASE("search: filters alone sort newest first; --sort oldest reverses") {
  SearchFixture f;
  CHECK(HitIds(Run(f, "leader:putin")) == Ids{"brasilia", "osaka", "bishkek", "moscow"});
  SearchOptions oldest;
  oldest.sort = SortOrder::kOldest;
  CHECK(HitIds(Run(f, "leader:putin", oldest)) == Ids{"moscow", "bishkek", "osaka", "brasilia"});
}

TEST_CASE("search: words rank by relevance, title above body") {
  SearchFixture f;
  // "summits" is in the title of one article and the body of none other.
  CHECK(HitIds(Run(f, "summitry summits")).front() == "summitry");
  // "trade" is in the titles of osaka and brasilia, only the body of others.
  const auto ids = HitIds(Run(f, "trade"));
  REQUIRE(ids.size() >= 3);
  CHECK(std::set<std::string>{ids[0], ids[1]} == std::set<std::string>{"osaka", "brasilia"});
  SearchOptions newest;
  newest.sort = SortOrder::kNewest;
  CHECK(HitIds(Run(f, "trade", newest)).front() == "brasilia");
}

TEST_CASE("search: offset and limit page through the same order") {
  SearchFixture f;
  SearchOptions all;
  all.limit = 100;
  const auto every = HitIds(Run(f, "", all));
  CHECK(every.size() == f.articles().size());
  CHECK(every.back() == "undated");  // no date sorts last when newest first
  SearchOptions page;
  page.limit = 3;
  page.offset = 3;
  const SearchResult r = Run(f, "", page);
  CHECK(HitIds(r) == Ids(every.begin() + 3, every.begin() + 6));
  CHECK(r.hits.front().rank == 4);
}

TEST_CASE("search: exact totals equal CountMatches") {
  SearchFixture f;
  for (const char* q : {"summit", "leader:putin", "", "trade OR oil", "\"trade war\""}) {
    CAPTURE(q);
    SearchOptions exact;
    exact.exact_total = true;
    exact.limit = 1;
    const SearchResult r = Run(f, q, exact);
    CHECK(r.total_exact);
    CHECK(r.total == CountMatches(f.db(), f.Parse(q)));
  }
}

TEST_CASE("search: snippets highlight terms, and phrases as a whole") {
  SearchFixture f;
  const SearchResult words = Run(f, "=presidents");
  REQUIRE(words.hits.size() == 1);
  CHECK(words.hits[0].snippet.find("\x02presidents\x03") != std::string::npos);
  const SearchResult phrase = Run(f, "\"security cooperation\"");
  REQUIRE(!phrase.hits.empty());
  CHECK(phrase.hits[0].snippet.find("\x02Security cooperation\x03") != std::string::npos);
}

TEST_CASE("search: hits carry entity display names") {
  SearchFixture f;
  const SearchResult r = Run(f, "id:osaka");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].leaders.front() == "Donald Trump");
  CHECK(r.hits[0].orgs == std::vector<std::string>{"G20"});
}

// Counts computed from the articles themselves, not through the index.
std::map<std::string, std::uint64_t> Expected(const std::vector<Article>& articles,
                                              const std::set<std::string>& ids,
                                              const std::string& facet) {
  std::map<std::string, std::uint64_t> counts;
  for (const Article& a : articles) {
    if (!ids.count(a.id)) continue;
    std::set<std::string> values;
    if (facet == "leader") for (auto& m : a.leaders) values.insert(m.id);
    if (facet == "person") for (auto& m : a.people) values.insert(m.id);
    if (facet == "org") for (auto& m : a.organizations) values.insert(m.id);
    if (facet == "place") for (auto& m : a.places) values.insert(m.id);
    if (facet == "source") values.insert(schema::SourceSlug(a.source));
    if (facet == "year" && a.published) values.insert(std::to_string(a.published->year));
    if (facet == "month" && a.published) values.insert(a.published->IsoDate().substr(0, 7));
    for (const auto& v : values) ++counts[v];
  }
  return counts;
}

TEST_CASE("facets: exact counts over the whole match set, busiest first, ties by name") {
  SearchFixture f;
  for (const char* q : {"", "summit", "leader:putin", "trade OR talks"}) {
    CAPTURE(q);
    SearchOptions options;
    options.limit = 0;
    options.facet_limit = 100;
    options.facets = FacetNames();
    const SearchResult r = Run(f, q, options);
    CHECK(r.hits.empty());
    CHECK(r.total_exact);
    const auto ids = f.Ids(q);
    const std::set<std::string> matching(ids.begin(), ids.end());
    REQUIRE(r.facets.size() == FacetNames().size());
    for (const auto& [name, entries] : r.facets) {
      CAPTURE(name);
      std::map<std::string, std::uint64_t> got;
      for (const FacetEntry& e : entries) got[e.id] = e.count;
      CHECK(got == Expected(f.articles(), matching, name));
      for (std::size_t i = 1; i < entries.size(); ++i) {
        const FacetEntry &a = entries[i - 1], &b = entries[i];
        CHECK((a.count > b.count || (a.count == b.count && a.value < b.value)));
      }
    }
  }
}

TEST_CASE("facets: display names, ids kept, and the limit") {
  SearchFixture f;
  SearchOptions options;
  options.facets = {"leader", "source", "org"};
  options.facet_limit = 2;
  const SearchResult r = Run(f, "", options);
  const auto& leaders = r.facets[0].second;
  REQUIRE(leaders.size() == 2);
  CHECK(leaders[0].value == "Vladimir Putin");  // 4, ties with Xi Jinping: by name
  CHECK(leaders[0].id == "vladimir_putin");
  CHECK(leaders[0].count == 4);
  CHECK(leaders[1].value == "Xi Jinping");
  const auto& sources = r.facets[1].second;
  CHECK(sources[0].value == "Daily Planet");
  CHECK(sources[0].id == "daily_planet");
  CHECK(sources[0].count == 4);
  CHECK(r.facets[2].second.front().value == "BRICS");
}

TEST_CASE("facets: an unknown facet is a usage error") {
  SearchFixture f;
  SearchOptions options;
  options.facets = {"colour"};
  CHECK_THROWS_AS(Run(f, "", options), Error);
}

}  // namespace
}  // namespace gazette::testing
