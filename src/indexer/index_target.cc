#include "indexer/index_target.h"

#include <algorithm>
#include <thread>

#include "db/layout.h"
#include "gazette/problem.h"
#include "hash.h"

namespace gazette::internal {
namespace {

unsigned WriterThreads(const IndexOptions& options) {
  const unsigned jobs = options.jobs ? options.jobs : std::thread::hardware_concurrency();
  return std::clamp(jobs, 1u, 64u);
}

}  // namespace

IndexTarget::IndexTarget(const std::string& db_path, const IndexOptions& options,
                         WriterOptions writer_options, const WriterMetadata& metadata) {
  // Articles would be routed among the local shards only, so an update
  // could land beside its old version on the remote one (docs/scaling.md).
  if (StubNamesUnwritable(db_path))
    throw Error(ErrorKind::kUsage,
                db_path + " lists remote shards: index on the machine that holds the whole "
                          "index, and search through a separate stub (docs/scaling.md)");
  EnsureShardedLayout(db_path, options.shards);
  const std::vector<std::string> folders = IndexFolders(db_path);
  for (const std::string& folder : folders) {
    Shard shard;
    shard.writer = std::make_unique<IndexWriter>(folder, writer_options, metadata);
    // Holding the lock, no other writer or rebuild is at work here.
    RemoveDebris(folder);
    was_empty_ = was_empty_ && shard.writer->was_empty();
    shards_.push_back(std::move(shard));
  }
  if (!options.bulk || !was_empty_) return;
  pool_ = std::make_unique<SubDatabasePool>(WriterThreads(options));
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    shards_[i].bulk = std::make_unique<BulkBuild>(folders[i], *pool_, writer_options.batch_articles,
                                                  writer_options.batch_bytes,
                                                  std::max<std::size_t>(options.part_articles, 1));
  }
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
  return existed || earlier ? Outcome::kUpdated : Outcome::kAdded;
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
  return shard.bulk ? shard.bulk->WrittenThisRun(id_term) : shard.writer->WrittenThisRun(id_term);
}

std::string IndexTarget::StoredHash(const std::string& id_term) {
  // A fresh build only reaches here for ids it has not written: a worker
  // found nothing stored, so there is nothing to compare.
  Shard& shard = ShardOf(id_term);
  return shard.bulk ? "" : shard.writer->StoredHash(id_term);
}

std::size_t IndexTarget::PruneMissing(const std::string& origin_prefix) {
  std::size_t removed = 0;
  for (Shard& shard : shards_)
    if (!shard.bulk) removed += shard.writer->PruneMissing(origin_prefix);
  return removed;
}

void IndexTarget::Finish() {
  for (Shard& shard : shards_)
    if (shard.bulk) shard.bulk->Flush();
  if (pool_) pool_->Drain();
  for (Shard& shard : shards_) {
    IndexWriter& writer = *shard.writer;
    const bool merged = shard.bulk && shard.bulk->Complete([&writer](Xapian::WritableDatabase& db) {
      writer.WriteMetadata(db);
    });
    if (!merged) writer.Commit();
    // Released only after the swap, so a waiting writer opens the new database.
    writer.Close();
    if (merged) shard.bulk->RemoveOldLive();
  }
}

}  // namespace gazette::internal
