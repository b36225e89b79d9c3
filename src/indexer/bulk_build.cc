#include "indexer/bulk_build.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "db/layout.h"
#include "db/merged_parts.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette::internal {

namespace fs = std::filesystem;

namespace {

// A fresh build's batches are jobs for the writer threads, each committed
// into a part; nothing reads a part before the merge, so they need not be the
// user's --batch-size. Small ones pay twice. Xapian keeps what is not yet
// committed in std::maps keyed by term, which add_document searches for every
// word of every document: at 250 they stay small, Xapian's CPU per article
// -18 to -22 % against 1,000 (write_path_bench), and a 10k build peaks at
// 140 MB, not 204 (docs/performance.md, "Session 13"). And the writers start
// once 250 articles are prepared, not 1,000, and end within 250 of each
// other ("Session 14").
constexpr std::size_t kMaxArticlesPerJob = 250;

}  // namespace

BulkBuild::BulkBuild(std::string db_path, SubDatabasePool& pool, std::size_t batch_articles,
                     std::uint64_t batch_bytes, std::size_t part_articles, Base base)
    : db_path_(std::move(db_path)),
      pool_(pool),
      base_(base),
      batch_articles_(std::min(batch_articles, kMaxArticlesPerJob)),
      batch_bytes_(batch_bytes),
      old_live_(LiveDatabaseDirs(db_path_)),
      parts_(db_path_, part_articles) {}

BulkBuild::~BulkBuild() {
  std::error_code ec;
  if (!merged_.empty() && !swapped_) fs::remove_all(merged_, ec);
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
    superseded_.push_back({earlier.batch, earlier.index});
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
  current_.parts = &parts_;
  current_.batch = batches_;
  pool_.Submit(std::move(current_));
  ++batches_;
  current_ = SubDatabaseJob{};
  current_bytes_ = 0;
}

void BulkBuild::Merge(const std::function<void(Xapian::WritableDatabase&)>& finish) {
  parts_.Delete(superseded_);
  // The live database's words are in its own spelling and stem tables,
  // which the compactor adds to the parts'.
  parts_.AddWordsParts(pool_.threads());
  Xapian::Database all;
  if (base_ == Base::kLive)
    for (const std::string& dir : old_live_) all.add_database(Xapian::Database(dir));
  for (const std::string& dir : parts_.dirs()) all.add_database(Xapian::Database(dir));
  // Writer threads take batches as they come, so document ids follow the
  // input only within a part; nothing shown depends on them (export is by
  // id, ties in search by date then id).
  all.compact(merged_, Xapian::DBCOMPACT_MULTIPASS);
  Xapian::WritableDatabase merged(merged_, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  finish(merged);
  // The compactor appends each source's chunks of a posting list to the
  // others', so the live database's count adds up; its metadata came
  // through the merge.
  const std::size_t live_parts = base_ == Base::kLive ? MergedParts(merged) : 0;
  merged.set_metadata(std::string(schema::kMetaMergedParts),
                      std::to_string(parts_.size() + live_parts));
  merged.commit();
  merged.close();
}

bool BulkBuild::Complete(const std::function<void(Xapian::WritableDatabase&)>& finish,
                         IfEmpty if_empty) {
  Flush();
  if (batches_ == 0 && if_empty == IfEmpty::kKeepLive) return false;
  const std::string name = NextDatabaseDir(db_path_);
  merged_ = (fs::path(db_path_) / name).string();
  try {
    if (batches_ == 0) {
      // The compactor needs a source: nothing to merge, an empty database.
      Xapian::WritableDatabase empty(merged_, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      finish(empty);
      empty.set_metadata(std::string(schema::kMetaMergedParts), "");
      empty.commit();
      empty.close();
    } else {
      Merge(finish);
    }
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
