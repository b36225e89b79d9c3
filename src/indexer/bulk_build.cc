#include "indexer/bulk_build.h"

#include <fmt/format.h>

#include <filesystem>

#include "db/layout.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette::internal {

namespace fs = std::filesystem;

BulkBuild::BulkBuild(std::string db_path, SubDatabasePool& pool, std::size_t batch_articles,
                     std::uint64_t batch_bytes)
    : db_path_(std::move(db_path)),
      pool_(pool),
      batch_articles_(batch_articles),
      batch_bytes_(batch_bytes),
      old_live_(LiveDatabaseDirs(db_path_)) {}

BulkBuild::~BulkBuild() {
  std::error_code ec;
  for (std::size_t b = 0; b < batches_; ++b) fs::remove_all(SubDir(b), ec);
  if (!merged_.empty() && !swapped_) fs::remove_all(merged_, ec);
}

std::string BulkBuild::SubDir(std::size_t batch) const {
  return (fs::path(db_path_) / fmt::format("{}{:06}", kSubDatabasePrefix, batch + 1)).string();
}

BulkBuild::Outcome BulkBuild::Add(const std::string& id_term, const std::string& content_hash,
                                  Article article, std::uint64_t input_bytes) {
  Outcome outcome = Outcome::kAdded;
  if (auto it = ids_.find(id_term); it != ids_.end()) {
    Written& earlier = it->second;
    if (earlier.content_hash == content_hash) return Outcome::kUnchanged;
    earlier.content_hash = content_hash;
    if (earlier.batch == batches_) {
      // Still in memory: the new version takes the old one's place.
      current_.articles[earlier.index] = std::move(article);
      current_.content_hashes[earlier.index] = content_hash;
      current_bytes_ += input_bytes;
      return Outcome::kReplaced;
    }
    superseded_[earlier.batch].push_back(id_term);
    outcome = Outcome::kReplaced;
  }
  ids_[id_term] = Written{batches_, current_.articles.size(), content_hash};
  current_.articles.push_back(std::move(article));
  current_.content_hashes.push_back(content_hash);
  current_bytes_ += input_bytes;
  if (current_.articles.size() >= batch_articles_ || current_bytes_ >= batch_bytes_) Flush();
  return outcome;
}

void BulkBuild::Flush() {
  if (current_.articles.empty()) return;
  current_.dir = SubDir(batches_);
  pool_.Submit(std::move(current_));
  ++batches_;
  current_ = SubDatabaseJob{};
  current_bytes_ = 0;
}

bool BulkBuild::Complete(const std::function<void(Xapian::WritableDatabase&)>& finish) {
  Flush();
  if (batches_ == 0) return false;
  const std::string name = NextDatabaseDir(db_path_);
  merged_ = (fs::path(db_path_) / name).string();
  try {
    for (const auto& [batch, id_terms] : superseded_) {
      Xapian::WritableDatabase sub(SubDir(batch), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      for (const std::string& id_term : id_terms) sub.delete_document(id_term);
      sub.commit();
    }
    Xapian::Database all;
    for (std::size_t b = 0; b < batches_; ++b) all.add_database(Xapian::Database(SubDir(b)));
    // In batch order, so document ids follow the input as in-place writes do.
    all.compact(merged_, Xapian::DBCOMPACT_MULTIPASS);
    Xapian::WritableDatabase merged(merged_, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    finish(merged);
    merged.set_metadata(std::string(schema::kMetaMergedParts), std::to_string(batches_));
    merged.commit();
    merged.close();
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, fmt::format("{}: cannot merge the new articles: {}: {}", db_path_,
                                            e.get_type(), e.get_msg()));
  }
  SyncDatabaseDir(merged_);
  SwapLiveDatabases(db_path_, {name});
  swapped_ = true;
  return true;
}

void BulkBuild::RemoveOldLive() {
  if (!swapped_) return;
  // Readers that opened the old folders keep reading them: on Linux an
  // unlinked file lives on while it is open.
  for (const std::string& dir : old_live_) RemoveDatabaseDir(dir);
  old_live_.clear();
}

}  // namespace gazette::internal
