// --format json and jsonl. The shape is a contract with scripts: it is
// documented, versioned, in docs/json.md; change both in the same commit.
#include <nlohmann/json.hpp>

#include "output/render.h"

namespace gazette::internal {
namespace {

using ordered_json = nlohmann::ordered_json;

ordered_json HitToJson(const Hit& hit) {
  const Article& a = hit.article;
  auto [snippet, ranges] = SplitHighlights(hit.snippet);
  ordered_json highlights = ordered_json::array();
  for (auto [begin, end] : ranges) highlights.push_back({begin, end});
  return ordered_json{
      {"rank", hit.rank},
      {"id", a.id},
      {"score", hit.score},
      {"title", a.title},
      {"date", a.published ? ordered_json(a.published->IsoDate()) : ordered_json(nullptr)},
      {"source", a.source},
      {"url", a.url},
      {"leaders", hit.leaders},
      {"people", hit.people},
      {"orgs", hit.orgs},
      {"places", hit.places},
      {"snippet", snippet},
      {"highlights", highlights},
  };
}

}  // namespace

void WriteJson(const SearchResult& result, std::ostream& out) {
  ordered_json json;
  json["query"] = result.query;
  json["total"] = result.total;
  json["total_exact"] = result.total_exact;
  json["offset"] = result.offset;
  json["hits"] = ordered_json::array();
  for (const Hit& hit : result.hits) json["hits"].push_back(HitToJson(hit));
  json["facets"] = ordered_json::object();
  for (const auto& [name, entries] : result.facets) {
    ordered_json list = ordered_json::array();
    for (const FacetEntry& e : entries)
      list.push_back({{"value", e.value}, {"id", e.id}, {"count", e.count}});
    json["facets"][name] = std::move(list);
  }
  json["suggestion"] = result.suggestion.empty() ? ordered_json(nullptr) : ordered_json(result.suggestion);
  out << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void WriteJsonLines(const SearchResult& result, std::ostream& out) {
  for (const Hit& hit : result.hits)
    out << HitToJson(hit).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace gazette::internal
