// What an index holds: stats, one document, terms and entities. Counts come
// from Xapian's term frequencies and value streams, which are exact (no
// document data is parsed except for `inspect doc`).
#include "gazette/inspect.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "db/layout.h"
#include "gazette/document.h"
#include "gazette/schema.h"

namespace gazette {
namespace {

constexpr std::string_view kKnownPrefixes[] = {
    schema::kPrefixId,        schema::kPrefixTitle,         schema::kPrefixLanguage,
    schema::kPrefixLeader,    schema::kPrefixPerson,        schema::kPrefixOrganization,
    schema::kPrefixPlace,     schema::kPrefixSource,        schema::kPrefixMentionedYear,
    schema::kPrefixMentionedDate, schema::kPrefixOrigin};

std::string DisplayDay(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return yyyymmdd;
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

// The value after `prefix` in an entity term, without Omega's ':'.
std::string TermValue(const std::string& term, std::string_view prefix) {
  std::string value = term.substr(prefix.size());
  if (!value.empty() && value[0] == ':') value.erase(0, 1);
  return value;
}

std::vector<EntityCount> TopEntities(Xapian::Database& db, const Gazetteer& gazetteer,
                                     EntityKind kind, std::size_t top) {
  const std::string prefix(schema::EntityField(kind).prefix);
  std::vector<EntityCount> counts;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string id = TermValue(*t, prefix);
    const Entity* entity = gazetteer.FindById(id);
    counts.push_back(EntityCount{id, entity ? std::string(entity->name) : id, t.get_termfreq()});
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const EntityCount& a, const EntityCount& b) { return a.articles > b.articles; });
  if (counts.size() > top) counts.resize(top);
  return counts;
}

void FillDatesAndSources(Xapian::Database& db, IndexStats& stats, std::size_t top) {
  for (auto v = db.valuestream_begin(schema::kSlotDate); v != db.valuestream_end(schema::kSlotDate);
       ++v) {
    const std::string day = *v;
    if (stats.first_date.empty() || day < stats.first_date) stats.first_date = day;
    if (day > stats.last_date) stats.last_date = day;
  }
  stats.first_date = DisplayDay(stats.first_date);
  stats.last_date = DisplayDay(stats.last_date);
  std::map<std::string, std::uint64_t> sources;
  for (auto v = db.valuestream_begin(schema::kSlotSource);
       v != db.valuestream_end(schema::kSlotSource); ++v)
    ++sources[*v];
  stats.source_count = sources.size();
  stats.top_sources.assign(sources.begin(), sources.end());
  std::stable_sort(stats.top_sources.begin(), stats.top_sources.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (stats.top_sources.size() > top) stats.top_sources.resize(top);
}

}  // namespace

std::string TermPrefix(std::string_view term) {
  if (term.empty()) return "";
  if (term[0] == 'Z') return "Z" + TermPrefix(term.substr(1));
  std::string_view best;
  for (std::string_view prefix : kKnownPrefixes) {
    if (term.starts_with(prefix) && prefix.size() > best.size()) best = prefix;
  }
  if (!best.empty()) return std::string(best);
  // Not ours (written by another tool?): Omega's rule, the leading capitals.
  std::size_t n = 0;
  while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
  return std::string(term.substr(0, n));
}

IndexStats InspectStats(Database& db, const Gazetteer& gazetteer, std::size_t top) {
  IndexStats stats;
  stats.path = db.path();
  stats.live_dirs = internal::AllLiveDatabaseDirs(db.path());
  for (const std::string& dir : stats.live_dirs) stats.bytes_on_disk += internal::DirectoryBytes(dir);
  if (stats.live_dirs.empty()) stats.bytes_on_disk = internal::DirectoryBytes(db.path());
  stats.schema_version = db.schema_version();
  stats.binary_schema_version = schema::kSchemaVersion;
  stats.gazetteer_fingerprint = db.metadata(schema::kMetaGazetteer);
  stats.current_fingerprint = gazetteer.Fingerprint();
  stats.last_indexed = db.metadata(schema::kMetaLastIndexed);
  stats.writer_version = db.metadata(schema::kMetaWriter);
  return db.Read([&](Xapian::Database& x) {
    IndexStats s = stats;
    s.articles = x.get_doccount();
    FillDatesAndSources(x, s, top);
    for (EntityKind kind : kAllEntityKinds)
      s.top_entities.emplace_back(kind, TopEntities(x, gazetteer, kind, top));
    return s;
  });
}

std::optional<DocumentDetails> InspectDocument(Database& db, const std::string& id,
                                               bool by_docid) {
  return db.Read([&](Xapian::Database& x) -> std::optional<DocumentDetails> {
    Xapian::docid docid = 0;
    if (by_docid) {
      docid = static_cast<Xapian::docid>(std::strtoul(id.c_str(), nullptr, 10));
      if (docid == 0 || docid > x.get_lastdocid()) return std::nullopt;
    } else {
      const std::string term = schema::IdTerm(id);
      auto p = x.postlist_begin(term);
      if (p == x.postlist_end(term)) return std::nullopt;
      docid = *p;
    }
    Xapian::Document doc;
    try {
      doc = x.get_document(docid);
    } catch (const Xapian::DocNotFoundError&) {
      return std::nullopt;
    }
    DocumentDetails details;
    details.docid = docid;
    try {
      details.article = ArticleFromDocument(doc);
    } catch (const Error& e) {
      details.data_error = e.what();
      details.raw_data = doc.get_data();
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      details.values.emplace_back(v.get_valueno(), *v);
    std::map<std::string, std::vector<TermCount>> groups;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      groups[TermPrefix(*t)].push_back(TermCount{*t, t.get_wdf()});
    details.terms.assign(groups.begin(), groups.end());
    return details;
  });
}

std::vector<TermCount> InspectTerms(Database& db, const std::string& prefix, std::size_t limit,
                                    std::size_t* total) {
  const schema::Field* field = schema::FindField(prefix);
  const std::string raw = field ? std::string(field->prefix) : prefix;
  return db.Read([&](Xapian::Database& x) {
    std::vector<TermCount> terms;
    std::size_t matched = 0;
    for (auto t = x.allterms_begin(raw); t != x.allterms_end(raw); ++t, ++matched) {
      if (limit == 0 || terms.size() < limit) terms.push_back(TermCount{*t, t.get_termfreq()});
    }
    if (total) *total = matched;
    return terms;
  });
}

std::vector<EntityRow> InspectEntities(Database& db, const Gazetteer& gazetteer,
                                       std::optional<EntityKind> kind, bool used_only) {
  return db.Read([&](Xapian::Database& x) {
    std::vector<EntityRow> rows;
    for (const Entity& e : gazetteer.entities()) {
      if (kind && e.kind != *kind) continue;
      const std::string term = fmt::format("{}{}", schema::EntityField(e.kind).prefix, e.id);
      rows.push_back(EntityRow{std::string(e.id), e.kind, std::string(e.name),
                              {e.aliases.begin(), e.aliases.end()}, x.get_termfreq(term), true});
    }
    for (EntityKind k : kAllEntityKinds) {
      if (kind && k != *kind) continue;
      const std::string prefix(schema::EntityField(k).prefix);
      for (auto t = x.allterms_begin(prefix); t != x.allterms_end(prefix); ++t) {
        const std::string id = TermValue(*t, prefix);
        const Entity* known = gazetteer.FindById(id);
        if (known && known->kind == k) continue;
        rows.push_back(EntityRow{id, k, id, {}, t.get_termfreq(), false});
      }
    }
    if (used_only) std::erase_if(rows, [](const EntityRow& r) { return r.articles == 0; });
    std::sort(rows.begin(), rows.end(), [](const EntityRow& a, const EntityRow& b) {
      if (a.articles != b.articles) return a.articles > b.articles;
      return a.id < b.id;
    });
    return rows;
  });
}

}  // namespace gazette
