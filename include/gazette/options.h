// One struct per operation, filled by tools/ from flags so that libgazette
// never sees CLI11. Every field says its meaning and default.
#ifndef GAZETTE_OPTIONS_H_
#define GAZETTE_OPTIONS_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gazette/article.h"
#include "gazette/ingest.h"

namespace gazette {

struct IndexOptions {
  // Files, folders and "-" (stdin) to index.
  std::vector<std::string> paths;
  // Format, default date/source and date order for every input of the run.
  ReadOptions read;
  // Remove articles whose source file is gone from the folders given.
  // Default: false.
  bool prune = false;
  // Reading, parsing and extraction threads (one writer). 0: the core count.
  unsigned jobs = 0;
  // Commit after this many articles or this many megabytes of input,
  // whichever comes first. Larger batches index faster but lose more work to a
  // crash and hold more memory. Default: 1000 articles / 32 MB.
  std::size_t batch_articles = 1000;
  std::size_t batch_megabytes = 32;
  // How long to wait for another writer's lock before failing. Default: 30 s.
  double wait_seconds = 30;
  // A new index only: split it into this many shards (0 or 1: one database).
  // An existing index keeps its shards; a different count is an error.
  unsigned shards = 0;
  // Build an empty index (or shard) in parallel sub-databases merged at the
  // end, several times faster than committing batches in place, but a crash
  // before the end loses the whole run (the index stays empty). Into an
  // index that holds articles, the same for the new articles a run adds
  // after its first `bulk_after`, which are committed in place (the merge
  // then takes in the whole index; changed articles are always replaced in
  // place). false: always commit batches in place.
  bool bulk = true;
  // 0: the larger of 500 and a 24th of the articles in the index.
  std::size_t bulk_after = 0;
  // A fresh build: each writer thread commits its batches into a part of
  // its own and starts a new one from this many articles on. Fewer parts
  // merge into a smaller index with faster facets (docs/performance.md,
  // "Fewer, larger parts"); more parts cost no CPU. Default: 10,000.
  std::size_t part_articles = 10000;
  // Set from a signal handler: finish the current article, commit, stop.
  const std::atomic<bool>* stop_requested = nullptr;
};

enum class SortOrder { kAuto, kRelevance, kNewest, kOldest };

struct SearchOptions {
  std::size_t limit = 10;   // hits to return; 0: facets and total only
  std::size_t offset = 0;   // hits to skip
  SortOrder sort = SortOrder::kAuto;  // kAuto: relevance with words, else newest
  bool exact_total = false;  // count every match rather than estimate
  // Facet fields ("leader", "org", "year", ...) and entries per facet.
  std::vector<std::string> facets;
  std::size_t facet_limit = 10;
  std::size_t snippet_length = 200;  // characters of snippet per hit; 0: none
};

}  // namespace gazette

#endif  // GAZETTE_OPTIONS_H_
