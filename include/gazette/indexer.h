// `gazette index`: reads inputs, extracts entities, and writes them into the
// index in atomic batches, skipping what is unchanged.
#ifndef GAZETTE_INDEXER_H_
#define GAZETTE_INDEXER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gazette/gazetteer.h"
#include "gazette/options.h"
#include "gazette/problem.h"

namespace gazette {

struct IndexProgress {
  std::size_t files_done = 0;
  std::size_t files_total = 0;
  std::size_t articles_done = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  double elapsed_seconds = 0;
};

struct IndexReport {
  std::size_t added = 0;      // new articles
  std::size_t updated = 0;    // articles whose content changed
  std::size_t unchanged = 0;  // skipped: same content hash as indexed
  std::size_t skipped = 0;    // files not read: hidden, binary, unsupported
  std::size_t rejected = 0;   // inputs (files or JSONL lines) not indexed
  std::size_t pruned = 0;     // removed by --prune
  std::size_t warnings = 0;   // indexed, with a problem (e.g. bad date)
  std::uint64_t bytes = 0;    // input bytes read
  double elapsed_seconds = 0;
  bool interrupted = false;   // stopped by options.stop_requested
  // The index was built with another gazetteer: articles indexed before
  // keep their old entities until `gazette rebuild`.
  bool gazetteer_changed = false;
};

struct IndexCallbacks {
  // Called for every problem as it happens (the CLI prints it at once).
  std::function<void(const Problem&)> on_problem;
  // Called at most every 100 ms while indexing.
  std::function<void(const IndexProgress&)> on_progress;
};

// Indexes `options.paths` into the database at `db_path`, creating it when
// missing. Each batch is committed atomically, in input order; an article whose
// content hash is stored already is skipped unread by extraction. Throws
// Error{kLocked} when another writer keeps the lock past options.wait_seconds,
// Error{kSchemaTooOld} for an index of another schema, Error{kIo} when the
// database cannot be written. Callbacks run on the calling thread.
IndexReport IndexPaths(const std::string& db_path, const IndexOptions& options,
                       const Gazetteer& gazetteer,
                       const IndexCallbacks& callbacks);

}  // namespace gazette

#endif  // GAZETTE_INDEXER_H_
