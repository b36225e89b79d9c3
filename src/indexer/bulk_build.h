// A build in parts beside an index folder's (or shard's) live database:
// batches go to SubDatabasePool, which commits them into parts (PartSet);
// Complete() merges the parts with Xapian's compactor into a new database
// beside the live one and swaps the stub, as `rebuild` does. Used for a fresh
// build (the index holds no article yet), for a rebuild, and for the new
// articles of a run that has added many to a non-empty index
// (index_target.h): then the live database is merged too, first. Until the
// swap the live database holds only what was written there: a crash loses
// the parts, not the index, and the next run writes them again (see
// docs/usage.md, --no-bulk).
#ifndef GAZETTE_SRC_INDEXER_BULK_BUILD_H_
#define GAZETTE_SRC_INDEXER_BULK_BUILD_H_

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "gazette/article.h"
#include "indexer/part_set.h"
#include "indexer/sub_database_pool.h"

namespace gazette::internal {

class BulkBuild {
 public:
  // What the parts are merged with.
  enum class Base { kNothing, kLive };
  // `db_path`: an index folder whose write lock the caller holds, cleared of
  // what killed runs left (RemoveDebris). With Base::kLive, its stub names one
  // database, which Complete() merges as last committed: the parts must hold
  // no id it holds, since nothing drops the older version. A part is full from
  // `part_articles` articles on. A batch (a writer thread's job) ends at
  // `batch_articles` articles, 250 at most, or `batch_bytes`.
  BulkBuild(std::string db_path, SubDatabasePool& pool, std::size_t batch_articles,
            std::uint64_t batch_bytes, std::size_t part_articles, Base base = Base::kNothing);
  // Removes the parts (and a merged result never swapped in).
  ~BulkBuild();
  BulkBuild(const BulkBuild&) = delete;
  BulkBuild& operator=(const BulkBuild&) = delete;

  enum class Outcome { kAdded, kReplaced, kUnchanged };
  // Queues `article` (extraction done). An id given earlier in the run with
  // the same content hash is kUnchanged (nothing written); with another, the
  // later version wins, as it would when replacing in place.
  Outcome Add(const std::string& id_term, const std::string& content_hash, Article article,
              std::uint64_t input_bytes);
  bool WrittenThisRun(const std::string& id_term) const { return ids_.count(id_term) != 0; }
  bool empty() const { return ids_.empty(); }
  // The content hash last given for `id_term`. REQUIRES: WrittenThisRun.
  const std::string& HashWritten(const std::string& id_term) const {
    return ids_.at(id_term).content_hash;
  }

  // Submits the batch in progress to the pool.
  void Flush();
  // What Complete() does when the run wrote no article: keep the live
  // database (an index run), or swap in an empty one (a rebuild that
  // dropped every article).
  enum class IfEmpty { kKeepLive, kSwapInEmpty };
  // Call after the pool has drained. Drops superseded copies, merges the
  // live database (Base::kLive) and the parts into a new database, lets
  // `finish` write its metadata, syncs it and points the stub at it. Returns
  // false, having changed nothing, when the run wrote no article and
  // `if_empty` is kKeepLive. The old live folders stay until the caller has
  // released their lock: RemoveOldLive().
  bool Complete(const std::function<void(Xapian::WritableDatabase&)>& finish,
                IfEmpty if_empty = IfEmpty::kKeepLive);
  void RemoveOldLive();
  // The merged database's folder, once Complete() has made it.
  const std::string& merged_dir() const { return merged_; }

 private:
  struct Written {
    std::size_t batch;
    std::size_t index;  // in its batch, while that batch is in progress
    std::string content_hash;
  };

  // Compacts the live database (Base::kLive) and the parts into merged_.
  void Merge(const std::function<void(Xapian::WritableDatabase&)>& finish);

  std::string db_path_;
  SubDatabasePool& pool_;
  Base base_;
  std::size_t batch_articles_;
  std::uint64_t batch_bytes_;
  std::vector<std::string> old_live_;
  std::unordered_map<std::string, Written> ids_;
  std::vector<PartSet::Copy> superseded_;
  std::size_t batches_ = 0;  // submitted
  SubDatabaseJob current_;
  std::uint64_t current_bytes_ = 0;
  std::string merged_;  // the new live folder, until swapped
  bool swapped_ = false;
  PartSet parts_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_INDEXER_BULK_BUILD_H_
