// Where the writer thread's articles go: the index's one database, or the
// shards of a sharded index (an article's shard is a stable hash of its id,
// so an update lands where the first version did). Per database, articles go
// either in place, in batched commits (IndexWriter), or, when it holds no
// article yet, into a fresh build merged at the end (BulkBuild).
#ifndef GAZETTE_SRC_INDEXER_INDEX_TARGET_H_
#define GAZETTE_SRC_INDEXER_INDEX_TARGET_H_

#include <xapian.h>

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
  // A fresh build: Write() takes articles, documents are built by the
  // build's writer threads. Only when every shard is empty, so that all
  // shards take the same path.
  bool bulk() const { return pool_ != nullptr; }
  const std::string& previous_fingerprint() const;

  enum class Outcome { kAdded, kUpdated, kUnchanged };
  // Writes `document` under `id_term`. `existed`: the id was in the index as
  // the preparing worker saw it. An id already written in this run with the
  // same content hash is kUnchanged.
  Outcome Write(const std::string& id_term, const std::string& content_hash,
                Xapian::Document document, std::uint64_t input_bytes, bool existed);
  // The same for a fresh build (bulk()), with the article, extraction done.
  Outcome Write(const std::string& id_term, const std::string& content_hash, Article article,
                std::uint64_t input_bytes);
  bool WrittenThisRun(const std::string& id_term) const;
  // The content hash stored for `id_term` ("" when absent), this run's
  // writes included.
  std::string StoredHash(const std::string& id_term);
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

  std::unique_ptr<SubDatabasePool> pool_;  // stopped before the builds go (~IndexTarget)
  std::vector<Shard> shards_;
  bool was_empty_ = true;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_INDEX_TARGET_H_
