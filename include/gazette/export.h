// `gazette export` and `gazette import`: the index as JSON Lines, one article
// per line (ArticleToJson: input fields and extracted fields), and back.
// See docs/maintenance.md for the round trip.
#ifndef GAZETTE_EXPORT_H_
#define GAZETTE_EXPORT_H_

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>

#include "gazette/database.h"
#include "gazette/gazetteer.h"
#include "gazette/indexer.h"
#include "gazette/options.h"
#include "gazette/problem.h"

namespace gazette {

struct ExportReport {
  std::size_t exported = 0;
  std::size_t unreadable = 0;  // documents whose stored data does not parse
};

// Calls `emit` with one JSON line (no newline) per article matching `query`,
// ordered by article id (bytewise; ids over 200 bytes by their stored,
// hashed form), so two exports of equal indexes are byte-identical whatever
// their docids. Documents without an id term come last, in docid order.
// Unreadable documents go to `on_problem` and are skipped. Throws Error{kIo}
// when a writer commits twice during the export (run it again).
ExportReport ExportArticles(Database& db, const Xapian::Query& query,
                            const std::function<void(std::string_view)>& emit,
                            const std::function<void(const Problem&)>& on_problem);

// Imports JSON Lines from `path` ("-": stdin) with `gazette index --format
// jsonl` semantics: the indexer reads each line's input fields and extracts
// entities afresh with `gazetteer`; extracted fields in the input are
// ignored. An export imported with the same gazetteer exports identically.
IndexReport ImportArticles(const std::string& db_path, const std::string& path,
                           IndexOptions options, const Gazetteer& gazetteer,
                           const IndexCallbacks& callbacks);

}  // namespace gazette

#endif  // GAZETTE_EXPORT_H_
