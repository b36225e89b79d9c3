// `gazette rebuild`: re-derives every article from the copy stored in the
// index (document data) with the current gazetteer and schema, into a new
// database beside the live one, then swaps it in atomically. See
// docs/maintenance.md.
#ifndef GAZETTE_REBUILD_H_
#define GAZETTE_REBUILD_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gazette/gazetteer.h"
#include "gazette/problem.h"

namespace gazette {

// The new database is always compacted: written in parts by as many writer
// threads as cores, then merged by Xapian's compactor, as a fresh `gazette
// index` build is.
struct RebuildOptions {
  // Compute what would change and write nothing. Default: false.
  bool dry_run = false;
  // How long to wait for another writer's lock before failing. Default: 30 s.
  double wait_seconds = 30;
  // Entries per entity kind in RebuildReport::facets. Default: 10.
  std::size_t facet_limit = 10;
  // Changed articles listed in RebuildReport::changes (all are counted).
  // Default: 1000.
  std::size_t change_limit = 1000;
};

struct RebuildProgress {
  std::size_t articles_done = 0;
  std::size_t articles_total = 0;
  double elapsed_seconds = 0;
};

// One article whose entities differ between the index and the re-derivation.
struct ArticleChange {
  std::string id;
  std::string title;
  std::vector<std::string> added;    // "leader:vladimir_putin"
  std::vector<std::string> removed;  // "place:moscow"
};

// An entity facet's article count before and after.
struct FacetShift {
  std::string kind;  // "leader", "person", "org", "place"
  std::string id;
  std::string name;  // display name from the gazetteer, else the id
  std::uint64_t before = 0;
  std::uint64_t after = 0;
};

struct RebuildReport {
  bool dry_run = false;
  bool compacted = false;
  std::size_t articles = 0;  // articles written (or that would be)
  std::size_t changed = 0;   // articles whose entities changed
  std::size_t dropped = 0;   // documents whose stored data is unreadable
  std::vector<ArticleChange> changes;  // the first options.change_limit
  std::vector<FacetShift> facets;      // per kind, busiest first
  std::string old_gazetteer;           // fingerprints
  std::string new_gazetteer;
  int old_schema = 0;
  int new_schema = 0;
  std::string new_dir;  // the live database folder after the swap
  std::size_t leftovers_removed = 0;  // folders of interrupted rebuilds
  std::uint64_t bytes_before = 0;
  std::uint64_t bytes_after = 0;
  double elapsed_seconds = 0;
};

struct RebuildCallbacks {
  // Each dropped document ("document 12: ...") as it is met.
  std::function<void(const Problem&)> on_problem;
  // At most every 100 ms.
  std::function<void(const RebuildProgress&)> on_progress;
};

// Rebuilds the index at `db_path` with `gazetteer`. Holds the write lock of
// every live database from start to swap, so writers wait (and fail after
// their --wait); readers are never blocked and see the old index or the new
// one, never a mix. A rebuild killed at any point leaves the old index live;
// the next one removes the half-built folder. Throws Error{kNoDatabase},
// Error{kLocked} after options.wait_seconds, Error{kIo}, Error{kCorrupt}.
RebuildReport Rebuild(const std::string& db_path, const RebuildOptions& options,
                      const Gazetteer& gazetteer, const RebuildCallbacks& callbacks);

}  // namespace gazette

#endif  // GAZETTE_REBUILD_H_
