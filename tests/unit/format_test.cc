// Formatters: the JSON shape of docs/json.md, text blocks and facet tables.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "gazette/format.h"
#include "search_fixture.h"

namespace gazette::testing {
namespace {

std::string Render(const SearchResult& r, OutputFormat format, bool color = false) {
  std::ostringstream out;
  WriteSearchResult(r, FormatOptions{format, color}, out);
  return out.str();
}

SearchResult Sample(SearchFixture& f, const std::string& q) {
  SearchOptions options;
  options.facets = {"leader", "year"};
  return Search(f.db(), f.Parse(q), options, f.gazetteer());
}

TEST_CASE("format: json has the documented keys and types") {
  SearchFixture f;
  const auto json = nlohmann::ordered_json::parse(Render(Sample(f, "summit"), OutputFormat::kJson));
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"query", "total", "total_exact", "offset", "hits", "facets",
                                         "suggestion"});
  CHECK(json["query"] == "summit");
  CHECK(json["total"] == 4);
  CHECK(json["total_exact"] == true);
  CHECK(json["suggestion"].is_null());
  const auto& hit = json["hits"][0];
  for (const char* key : {"rank", "id", "score", "title", "date", "source", "url", "leaders", "people",
                          "orgs", "places", "snippet", "highlights"}) {
    CAPTURE(key);
    CHECK(hit.contains(key));
  }
  CHECK(hit["rank"] == 1);
  CHECK(hit["date"].get<std::string>().size() == 10);
  CHECK(hit["leaders"].is_array());
  const std::string snippet = hit["snippet"];
  CHECK(snippet.find('\x02') == std::string::npos);
  for (const auto& range : hit["highlights"]) {
    const std::size_t begin = range[0], end = range[1];
    CHECK(snippet.substr(begin, end - begin).find("ummit") == 1);  // summit, Summits
  }
  const auto& leader = json["facets"]["leader"][0];
  CHECK(leader["value"] == "Narendra Modi");
  CHECK(leader["id"] == "narendra_modi");
  CHECK(leader["count"] == 3);
}

TEST_CASE("format: jsonl is one hit a line; ids one id a line") {
  SearchFixture f;
  const SearchResult r = Sample(f, "summit");
  const std::string jsonl = Render(r, OutputFormat::kJsonl);
  std::istringstream lines(jsonl);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) CHECK(nlohmann::json::parse(line)["rank"] == n + 1);
  CHECK(n == 4);
  std::string ids;
  for (const Hit& hit : r.hits) ids += hit.article.id + "\n";
  CHECK(Render(r, OutputFormat::kIds) == ids);
}

TEST_CASE("format: text shows title, date, source, entities, snippet, totals and facet bars") {
  SearchFixture f;
  const std::string text = Render(Sample(f, "oil"), OutputFormat::kText);
  CAPTURE(text);
  CHECK(text.find("  1. Oil prices fall sharply\n") != std::string::npos);
  CHECK(text.find("     2020-03-09 · Daily Planet · oil\n") != std::string::npos);
  CHECK(text.find("*Oil* prices fell") != std::string::npos);
  CHECK(text.find("1 match\n") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\nYears\n  2020  1  ") != std::string::npos);
  const std::string table = Render(Sample(f, "summit"), OutputFormat::kText);
  CAPTURE(table);
  CHECK(table.find("leaders: Vladimir Putin, Xi Jinping, Narendra Modi") != std::string::npos);
  CHECK(table.find("  Narendra Modi   3  ██████████████████████████████\n") != std::string::npos);
  CHECK(table.find("  Donald Trump    2  ████████████████████\n") != std::string::npos);
}

TEST_CASE("format: colour only when asked") {
  SearchFixture f;
  const std::string text = Render(Sample(f, "oil"), OutputFormat::kText, true);
  CHECK(text.find("\x1b[1mOil prices fall sharply\x1b[0m") != std::string::npos);
}

TEST_CASE("format: estimated totals say so, with thousands separators") {
  SearchResult r;
  r.total = 1200;
  r.total_exact = false;
  CHECK(Render(r, OutputFormat::kText) == "about 1,200 matches\n");
}

}  // namespace
}  // namespace gazette::testing
