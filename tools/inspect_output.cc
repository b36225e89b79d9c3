// Text and JSON renderings of inspect's reports. Text aligns labels for
// reading; JSON keeps every field, with stable key order.
#include "inspect_output.h"

#include <fmt/format.h>

#include <algorithm>

#include "gazette/article_json.h"

namespace gazette::cli {
namespace {

using ordered_json = nlohmann::ordered_json;

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : std::string(separator)) + item;
  return joined;
}

void WriteMentions(const Article& article, std::ostream& out) {
  for (EntityKind kind : kAllEntityKinds) {
    for (const Mention& m : article.mentions(kind)) {
      out << fmt::format("  {:<7} {} ({}) x{}, first as \"{}\"\n", KindName(kind), m.name, m.id,
                         m.count, m.alias);
    }
  }
}

}  // namespace

std::string DumpJson(const ordered_json& json) {
  // Bytes that are not valid UTF-8 (damaged data) must not break the JSON.
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string HumanBytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", bytes / 1024.0);
  return fmt::format("{:.1f} MB", bytes / (1024.0 * 1024.0));
}

void WriteStatsText(const IndexStats& s, std::ostream& out) {
  out << fmt::format("index         {}\n", s.path);
  out << fmt::format("articles      {}\n", s.articles);
  if (!s.first_date.empty()) out << fmt::format("dates         {} .. {}\n", s.first_date, s.last_date);
  std::vector<std::string> sources;
  for (const auto& [slug, n] : s.top_sources) sources.push_back(fmt::format("{} {}", slug, n));
  out << fmt::format("sources       {}{}\n", s.source_count,
                     sources.empty() ? "" : " (" + Join(sources, ", ") + ")");
  out << fmt::format("size on disk  {}\n", HumanBytes(s.bytes_on_disk));
  out << fmt::format("schema        {}{}\n", s.schema_version,
                     s.schema_matches() ? ""
                                        : fmt::format(" (this gazette writes {}: run `gazette rebuild`)",
                                                      s.binary_schema_version));
  out << fmt::format("gazetteer     {} ({})\n",
                     s.gazetteer_fingerprint.empty() ? "unknown" : s.gazetteer_fingerprint,
                     s.gazetteer_matches() ? "the current one"
                                           : "current is " + s.current_fingerprint +
                                                 ": rebuild to apply");
  out << fmt::format("last indexed  {}\n", s.last_indexed.empty() ? "never" : s.last_indexed);
  if (!s.writer_version.empty()) out << fmt::format("written by    gazette {}\n", s.writer_version);
  for (const auto& [kind, top] : s.top_entities) {
    std::vector<std::string> names;
    for (const EntityCount& e : top) names.push_back(fmt::format("{} {}", e.name, e.articles));
    out << fmt::format("top {:<9} {}\n", KindName(kind), names.empty() ? "-" : Join(names, ", "));
  }
}

ordered_json StatsJson(const IndexStats& s) {
  ordered_json json;
  json["path"] = s.path;
  json["live_dirs"] = s.live_dirs;
  json["articles"] = s.articles;
  json["first_date"] = s.first_date.empty() ? ordered_json() : ordered_json(s.first_date);
  json["last_date"] = s.last_date.empty() ? ordered_json() : ordered_json(s.last_date);
  json["source_count"] = s.source_count;
  json["top_sources"] = ordered_json::array();
  for (const auto& [slug, n] : s.top_sources)
    json["top_sources"].push_back({{"source", slug}, {"articles", n}});
  json["bytes_on_disk"] = s.bytes_on_disk;
  json["schema_version"] = s.schema_version;
  json["binary_schema_version"] = s.binary_schema_version;
  json["gazetteer_fingerprint"] = s.gazetteer_fingerprint;
  json["current_gazetteer_fingerprint"] = s.current_fingerprint;
  json["gazetteer_matches"] = s.gazetteer_matches();
  json["last_indexed"] = s.last_indexed;
  json["writer_version"] = s.writer_version;
  ordered_json top = ordered_json::object();
  for (const auto& [kind, entities] : s.top_entities) {
    ordered_json list = ordered_json::array();
    for (const EntityCount& e : entities)
      list.push_back({{"id", e.id}, {"name", e.name}, {"articles", e.articles}});
    top[std::string(KindName(kind))] = list;
  }
  json["top_entities"] = top;
  return json;
}

void WriteDocumentText(const DocumentDetails& d, std::ostream& out) {
  out << fmt::format("docid     {}\n", d.docid);
  if (!d.article) {
    out << fmt::format("data      unreadable: {}\n{}\n", d.data_error, d.raw_data);
  } else {
    const Article& a = *d.article;
    out << fmt::format("id        {}\ntitle     {}\n", a.id, a.title);
    out << fmt::format("date      {}\n", a.published ? a.published->Iso8601() : "-");
    out << fmt::format("source    {}\nurl       {}\nlanguage  {}\norigin    {}\n", a.source,
                       a.url, a.language, a.origin);
    out << "entities\n";
    WriteMentions(a, out);
    out << fmt::format("mentioned dates  {}\n", Join(a.mentioned_dates, ", "));
    out << "body\n" << a.body << "\n";
  }
  out << "values\n";
  for (const auto& [slot, value] : d.values) {
    std::string shown = value;
    std::replace(shown.begin(), shown.end(), '\x1f', ' ');
    out << fmt::format("  {:>3}  {}\n", slot, shown);
  }
  out << "terms\n";
  for (const auto& [prefix, terms] : d.terms) {
    std::vector<std::string> shown;
    for (const TermCount& t : terms) shown.push_back(fmt::format("{}:{}", t.term, t.count));
    out << fmt::format("  {:<8} {}\n", prefix.empty() ? "(words)" : prefix, Join(shown, " "));
  }
}

ordered_json DocumentJson(const DocumentDetails& d) {
  ordered_json json;
  json["docid"] = d.docid;
  json["article"] = d.article ? ArticleToJson(*d.article) : ordered_json();
  if (!d.article) {
    json["data_error"] = d.data_error;
    json["raw_data"] = d.raw_data;
  }
  ordered_json values = ordered_json::object();
  for (const auto& [slot, value] : d.values) values[std::to_string(slot)] = value;
  json["values"] = values;
  ordered_json terms = ordered_json::object();
  for (const auto& [prefix, list] : d.terms) {
    ordered_json items = ordered_json::array();
    for (const TermCount& t : list) items.push_back({{"term", t.term}, {"wdf", t.count}});
    terms[prefix] = items;
  }
  json["terms"] = terms;
  return json;
}

void WriteEntitiesText(const std::vector<EntityRow>& rows, std::ostream& out) {
  for (const EntityRow& r : rows) {
    out << fmt::format("{:>6}  {:<6}  {}  {}{}{}\n", r.articles, KindName(r.kind), r.id, r.name,
                       r.aliases.empty() ? "" : " [" + Join(r.aliases, "; ") + "]",
                       r.in_gazetteer ? "" : " (not in the gazetteer)");
  }
}

ordered_json EntitiesJson(const std::vector<EntityRow>& rows) {
  ordered_json list = ordered_json::array();
  for (const EntityRow& r : rows) {
    list.push_back({{"id", r.id},
                    {"kind", KindName(r.kind)},
                    {"name", r.name},
                    {"aliases", r.aliases},
                    {"articles", r.articles},
                    {"in_gazetteer", r.in_gazetteer}});
  }
  return list;
}

void WriteCheckText(const CheckReport& r, std::ostream& out) {
  for (const CheckFinding& f : r.problems) out << fmt::format("problem: {}: {}\n", f.where, f.reason);
  if (r.problems_not_listed > 0)
    out << fmt::format("problem: ... and {} more\n", r.problems_not_listed);
  for (const CheckFinding& f : r.notes) out << fmt::format("note: {}: {}\n", f.where, f.reason);
  out << fmt::format("{}: {} documents in {} database folder(s), {} Xapian errors, {} problems\n",
                     r.ok() ? "ok" : "damaged", r.documents, std::max<std::size_t>(1, r.live_dirs.size()),
                     r.xapian_errors, r.problems.size() + r.problems_not_listed);
}

ordered_json CheckJson(const CheckReport& r) {
  auto findings = [](const std::vector<CheckFinding>& list) {
    ordered_json items = ordered_json::array();
    for (const CheckFinding& f : list) items.push_back({{"where", f.where}, {"reason", f.reason}});
    return items;
  };
  ordered_json json;
  json["ok"] = r.ok();
  json["live_dirs"] = r.live_dirs;
  json["documents"] = r.documents;
  json["xapian_errors"] = r.xapian_errors;
  json["problems"] = findings(r.problems);
  json["problems_not_listed"] = r.problems_not_listed;
  json["notes"] = findings(r.notes);
  return json;
}

}  // namespace gazette::cli
