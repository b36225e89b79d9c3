// `gazette inspect`: what an index holds (stats, one document, terms,
// entities) and whether it is sound (check). Every function returns values;
// tools/cmd_inspect.cc renders them as text or JSON.
#ifndef GAZETTE_INSPECT_H_
#define GAZETTE_INSPECT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gazette/article.h"
#include "gazette/database.h"
#include "gazette/gazetteer.h"

namespace gazette {

// An entity and the number of articles that mention it.
struct EntityCount {
  std::string id;
  std::string name;  // from the gazetteer; the id when it does not know it
  std::uint64_t articles = 0;
};

struct IndexStats {
  std::string path;
  std::vector<std::string> live_dirs;  // the folders the stub names
  std::uint64_t articles = 0;
  std::string first_date;  // "2013-06-21"; empty when no article has a date
  std::string last_date;
  std::size_t source_count = 0;
  std::vector<std::pair<std::string, std::uint64_t>> top_sources;  // slug, articles
  std::uint64_t bytes_on_disk = 0;
  int schema_version = 0;         // the index's
  int binary_schema_version = 0;  // this gazette's
  std::string gazetteer_fingerprint;  // the index's ("" when unknown)
  std::string current_fingerprint;    // the gazetteer given
  std::string last_indexed;           // ISO 8601, "" when never
  std::string writer_version;
  // Per kind, in kAllEntityKinds order: the busiest entities.
  std::vector<std::pair<EntityKind, std::vector<EntityCount>>> top_entities;

  bool gazetteer_matches() const { return gazetteer_fingerprint == current_fingerprint; }
  bool schema_matches() const { return schema_version == binary_schema_version; }
};

// Stats of the index; `top` entries per list. Throws gazette::Error.
IndexStats InspectStats(Database& db, const Gazetteer& gazetteer, std::size_t top);

struct TermCount {
  std::string term;
  std::uint64_t count = 0;  // wdf in a document; articles in the index
};

// Terms grouped by prefix: "" for unprefixed words, "XLEADER", "Q", ...
// ("Z" for the stems that indexes before schema 4 hold).
using TermGroups = std::vector<std::pair<std::string, std::vector<TermCount>>>;

struct DocumentDetails {
  unsigned docid = 0;
  std::optional<Article> article;  // nullopt when the data does not parse
  std::string data_error;          // why, then
  std::string raw_data;            // set only when the data does not parse
  std::vector<std::pair<unsigned, std::string>> values;  // slot, value
  TermGroups terms;
};

// The document with article id `id` (or, with `by_docid`, Xapian docid `id`);
// nullopt when there is none. Throws gazette::Error.
std::optional<DocumentDetails> InspectDocument(Database& db, const std::string& id,
                                               bool by_docid);

// The prefix a term starts with: the longest schema prefix it starts with,
// "Z" + that for stems (before schema 4), "" for plain words.
std::string TermPrefix(std::string_view term);

// Index terms starting with `prefix` (a raw prefix like "XLEADER", or a query
// field name like "leader"), with their article counts, in term order; at
// most `limit` (0: all). Sets *total to the number that matched.
std::vector<TermCount> InspectTerms(Database& db, const std::string& prefix, std::size_t limit,
                                    std::size_t* total);

struct EntityRow {
  std::string id;
  EntityKind kind = EntityKind::kPlace;
  std::string name;
  std::vector<std::string> aliases;
  std::uint64_t articles = 0;
  bool in_gazetteer = true;  // false: found only in the index
};

// The gazetteer's entities of `kind` (all kinds when nullopt) with their
// article counts, plus ids the index holds that the gazetteer does not know
// (extracted from a title or a definition, or from an older gazetteer).
// Busiest first, then by id. With `used_only`, entities with no article are
// left out.
std::vector<EntityRow> InspectEntities(Database& db, const Gazetteer& gazetteer,
                                       std::optional<EntityKind> kind, bool used_only);

}  // namespace gazette

#endif  // GAZETTE_INSPECT_H_
