#include "indexer/index_target.h"

#include <algorithm>

#include "db/layout.h"
#include "gazette/problem.h"
#include "hash.h"
#include "indexer/thread_count.h"

namespace gazette::internal {
namespace {

// Ski rental: add in place until what that has cost over adding in parts
// would pay for the merge, then in parts. The merge rewrites the index, ~75
// us an article; an article costs ~2.5 ms in place and ~0.7 ms in parts (at
// 90k, docs/performance.md, "Session 15"), so the merge is worth N / 24
// articles of an index of N. Whatever the size of the run, that costs at
// most about twice the better of the two ways. Short runs stay in place,
// every batch committed as it goes. Replacements always do: deleting the old
// versions from the merged copy would cost what replacing them in place
// costs, and leave it no longer compact.
constexpr std::size_t kMergedPerInPlace = 24;
constexpr std::size_t kMinInPlace = 500;

std::size_t PartsAfter(const IndexOptions& options, Xapian::doccount articles) {
  if (!options.bulk) return 0;
  if (options.bulk_after) return options.bulk_after;
  return std::max<std::size_t>(kMinInPlace, articles / kMergedPerInPlace);
}

}  // namespace

IndexTarget::IndexTarget(const std::string& db_path, const IndexOptions& options,
                         WriterOptions writer_options, const WriterMetadata& metadata)
    : writer_options_(writer_options),
      writer_threads_(ThreadCount(options.jobs)),
      part_articles_(std::max<std::size_t>(options.part_articles, 1)) {
  // Articles would be routed among the local shards only, so an update
  // could land beside its old version on the remote one (docs/scaling.md).
  if (StubNamesUnwritable(db_path))
    throw Error(ErrorKind::kUsage,
                db_path + " lists remote shards: index on the machine that holds the whole "
                          "index, and search through a separate stub (docs/scaling.md)");
  EnsureShardedLayout(db_path, options.shards);
  folders_ = IndexFolders(db_path);
  Xapian::doccount articles = 0;
  bool one_live_each = true;
  for (const std::string& folder : folders_) {
    Shard shard;
    shard.writer = std::make_unique<IndexWriter>(folder, writer_options, metadata);
    // Holding the lock, no other writer or rebuild is at work here.
    RemoveDebris(folder);
    was_empty_ = was_empty_ && shard.writer->was_empty();
    articles += shard.writer->doc_count();
    // A stub naming several databases has nothing a merge could replace.
    one_live_each = one_live_each && LiveDatabaseDirs(folder).size() == 1;
    shards_.push_back(std::move(shard));
  }
  if (!options.bulk) return;
  if (was_empty_) {
    StartParts(BulkBuild::Base::kNothing);
  } else if (one_live_each) {
    parts_after_ = PartsAfter(options, articles);
  }
}

void IndexTarget::StartParts(BulkBuild::Base base) {
  pool_ = std::make_unique<SubDatabasePool>(writer_threads_);
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    shards_[i].bulk =
        std::make_unique<BulkBuild>(folders_[i], *pool_, writer_options_.batch_articles,
                                    writer_options_.batch_bytes, part_articles_, base);
  }
  defer_documents_.store(true, std::memory_order_relaxed);
}

void IndexTarget::TurnToParts() {
  // Committed now, what was written in place survives a crash of the rest.
  for (Shard& shard : shards_) shard.writer->Commit();
  StartParts(BulkBuild::Base::kLive);
}

IndexTarget::~IndexTarget() {
  // The writer threads may be writing into folders the builds remove.
  pool_.reset();
  shards_.clear();
}

const std::string& IndexTarget::previous_fingerprint() const {
  return shards_.front().writer->previous_fingerprint();
}

IndexTarget::Shard& IndexTarget::ShardOf(const std::string& id_term) {
  return shards_[shards_.size() == 1 ? 0 : Fnv1a64(id_term) % shards_.size()];
}

const IndexTarget::Shard& IndexTarget::ShardOf(const std::string& id_term) const {
  return shards_[shards_.size() == 1 ? 0 : Fnv1a64(id_term) % shards_.size()];
}

IndexTarget::Outcome IndexTarget::Write(const std::string& id_term, const std::string& content_hash,
                                        Xapian::Document document, std::uint64_t input_bytes,
                                        bool existed) {
  IndexWriter& writer = *ShardOf(id_term).writer;
  const bool earlier = writer.WrittenThisRun(id_term);
  if (earlier && writer.StoredHash(id_term) == content_hash) return Outcome::kUnchanged;
  writer.Write(id_term, document, input_bytes);
  if (existed || earlier) return Outcome::kUpdated;
  if (parts_after_ && ++added_in_place_ >= parts_after_ && !bulk()) TurnToParts();
  return Outcome::kAdded;
}

bool IndexTarget::ToParts(const std::string& id_term, bool existed) const {
  if (!bulk()) return false;
  const Shard& shard = ShardOf(id_term);
  if (shard.bulk->WrittenThisRun(id_term)) return true;
  return !existed && !shard.writer->WrittenThisRun(id_term);
}

IndexTarget::Outcome IndexTarget::Write(const std::string& id_term, const std::string& content_hash,
                                        Article article, std::uint64_t input_bytes) {
  switch (ShardOf(id_term).bulk->Add(id_term, content_hash, std::move(article), input_bytes)) {
    case BulkBuild::Outcome::kAdded: return Outcome::kAdded;
    case BulkBuild::Outcome::kReplaced: return Outcome::kUpdated;
    case BulkBuild::Outcome::kUnchanged: break;
  }
  return Outcome::kUnchanged;
}

bool IndexTarget::WrittenThisRun(const std::string& id_term) const {
  const Shard& shard = ShardOf(id_term);
  return (shard.bulk && shard.bulk->WrittenThisRun(id_term)) ||
         shard.writer->WrittenThisRun(id_term);
}

std::string IndexTarget::StoredHash(const std::string& id_term) {
  Shard& shard = ShardOf(id_term);
  if (shard.bulk && shard.bulk->WrittenThisRun(id_term)) return shard.bulk->HashWritten(id_term);
  return shard.writer->StoredHash(id_term);
}

void IndexTarget::FollowStream() {
  parts_after_ = 0;
  if (!bulk()) return;
  for (const Shard& shard : shards_)
    if (!shard.bulk->empty()) return;
  // A fresh build fed by a live feed from its first line.
  defer_documents_.store(false, std::memory_order_relaxed);
  pool_.reset();
  for (Shard& shard : shards_) shard.bulk.reset();
}

void IndexTarget::CommitInPlace() {
  for (Shard& shard : shards_) shard.writer->CommitIfPending();
}

std::size_t IndexTarget::PruneMissing(const std::string& origin_prefix) {
  // In place in the live databases, which the parts are merged with.
  std::size_t removed = 0;
  for (Shard& shard : shards_) removed += shard.writer->PruneMissing(origin_prefix);
  return removed;
}

void IndexTarget::Finish() {
  for (Shard& shard : shards_)
    if (shard.bulk) shard.bulk->Flush();
  if (pool_) pool_->Drain();
  for (Shard& shard : shards_) {
    IndexWriter& writer = *shard.writer;
    // Before the merge, which reads the live database as last committed.
    writer.Commit();
    const bool merged = shard.bulk && shard.bulk->Complete([&writer](Xapian::WritableDatabase& db) {
      writer.WriteMetadata(db);
    });
    // Released only after the swap, so a waiting writer opens the new database.
    writer.Close();
    if (merged) shard.bulk->RemoveOldLive();
  }
}

}  // namespace gazette::internal
