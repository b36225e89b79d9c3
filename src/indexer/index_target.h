// Where the writer thread's articles go: the index's one database, or the
// shards of a sharded index (an article's shard is a stable hash of its id,
// so an update lands where the first version did). Per database, articles go
// either in place, in batched commits (IndexWriter), or into parts merged at
// the end (BulkBuild): from the start when no database holds an article yet
// (a fresh build), or, in an index that holds some, once the run has added
// so many in place that merging the whole index costs less than adding the
// rest in place (docs/usage.md, --bulk-after). Articles the index holds are
// still replaced in place then, so the parts hold only new ids.
#ifndef GAZETTE_SRC_INDEXER_INDEX_TARGET_H_
#define GAZETTE_SRC_INDEXER_INDEX_TARGET_H_

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "db/writer.h"
#include "gazette/options.h"
#include "indexer/bulk_build.h"
#include "indexer/sub_database_pool.h"

namespace gazette::internal {

class IndexTarget {
 public:
  // Creates the layout when missing (sharded when options.shards > 1) and
  // takes every database's write lock. Throws like IndexWriter, and
  // Error{kUsage} when options.shards does not match an existing index.
  IndexTarget(const std::string& db_path, const IndexOptions& options, WriterOptions writer_options,
              const WriterMetadata& metadata);
  ~IndexTarget();
  IndexTarget(const IndexTarget&) = delete;
  IndexTarget& operator=(const IndexTarget&) = delete;

  // No database held an article when opened: workers skip their lookups.
  bool was_empty() const { return was_empty_; }
  // Building parts: every shard does, once it starts.
  bool bulk() const { return pool_ != nullptr; }
  // Whether the article goes into a part, with Write(Article): in a build in
  // parts, an id new to the index. `existed`: the id was in the index as the
  // preparing worker saw it.
  bool ToParts(const std::string& id_term, bool existed) const;
  // Set with bulk(), for the workers: leave new articles' documents to the
  // parts' writer threads.
  const std::atomic<bool>* defer_documents() const { return &defer_documents_; }
  const std::string& previous_fingerprint() const;

  enum class Outcome { kAdded, kUpdated, kUnchanged };
  // Writes `document` under `id_term`, in place. `existed`: as for
  // ToParts(). An id already written in this run with the same content hash
  // is kUnchanged. May start the build in parts.
  Outcome Write(const std::string& id_term, const std::string& content_hash,
                Xapian::Document document, std::uint64_t input_bytes, bool existed);
  // The same into parts, with the article, extraction done. REQUIRES:
  // ToParts(id_term, ...).
  Outcome Write(const std::string& id_term, const std::string& content_hash, Article article,
                std::uint64_t input_bytes);
  bool WrittenThisRun(const std::string& id_term) const;
  // The content hash stored for `id_term` ("" when absent), this run's
  // writes included.
  std::string StoredHash(const std::string& id_term);
  // A stream has paused (a live feed), so what it sends is to be searchable
  // as it comes: the rest of the run is written in place, since parts show
  // only at the end. A build that has put articles in parts stays so.
  void FollowStream();
  // Commits what was written in place since the last commit.
  void CommitInPlace();
  // See IndexWriter::PruneMissing.
  std::size_t PruneMissing(const std::string& origin_prefix);
  // Commits, or completes the fresh builds and swaps them in; then releases
  // the locks.
  void Finish();

 private:
  struct Shard {
    std::unique_ptr<IndexWriter> writer;  // holds the lock in both modes
    std::unique_ptr<BulkBuild> bulk;      // set for a fresh build
  };
  Shard& ShardOf(const std::string& id_term);
  const Shard& ShardOf(const std::string& id_term) const;
  // Commits what was written in place and sends the new articles of the
  // rest of the run to parts merged with the live databases.
  void TurnToParts();
  void StartParts(BulkBuild::Base base);

  WriterOptions writer_options_;
  unsigned writer_threads_;
  std::size_t part_articles_;
  std::unique_ptr<SubDatabasePool> pool_;  // stopped before the builds go (~IndexTarget)
  std::vector<Shard> shards_;
  std::vector<std::string> folders_;
  bool was_empty_ = true;
  std::atomic<bool> defer_documents_{false};
  // Articles added in place this run, and how many make TurnToParts() pay;
  // 0: never.
  std::size_t added_in_place_ = 0;
  std::size_t parts_after_ = 0;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_INDEX_TARGET_H_
