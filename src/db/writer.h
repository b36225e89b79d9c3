// The index's one writer: takes the lock (waiting a bounded time), applies
// documents, and commits them in batches so that a crash loses at most the
// batch in progress. See xapian-notes §6 for why each commit is atomic and why
// DB_DANGEROUS is never used on the live index.
#ifndef GAZETTE_SRC_DB_WRITER_H_
#define GAZETTE_SRC_DB_WRITER_H_

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "db/spelling.h"
#include "db/stem_table.h"

namespace gazette::internal {

struct WriterOptions {
  double wait_seconds = 30;               // for another writer's lock
  std::size_t batch_articles = 1000;      // commit after this many writes...
  std::uint64_t batch_bytes = 32u << 20;  // ...or this many input bytes
  // Polled while waiting for the lock: gives up (kLocked) when set.
  const std::atomic<bool>* stop_requested = nullptr;
};

// Metadata written with every commit, so each batch carries it atomically.
struct WriterMetadata {
  std::string gazetteer_fingerprint;
  std::string writer_version;
};

class IndexWriter {
 public:
  // Creates the index layout when missing and opens its live database for
  // writing. Throws Error{kLocked} after options.wait_seconds of contention,
  // Error{kSchemaTooOld} for an index of another schema that holds articles,
  // Error{kIo} otherwise.
  IndexWriter(const std::string& db_path, const WriterOptions& options, WriterMetadata metadata);
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // True when the index held no article when opened: nothing to compare
  // with or replace, so workers skip their lookups and Write() appends.
  bool was_empty() const { return doc_count_ == 0; }
  // Articles in the live database as opened.
  Xapian::doccount doc_count() const { return doc_count_; }
  // The fingerprint stored before this run ("" for a new index).
  const std::string& previous_fingerprint() const { return previous_fingerprint_; }

  // Whether `id_term` was written earlier in this run: a worker's view of
  // the index predates those writes, so its "unchanged" verdict is stale.
  bool WrittenThisRun(const std::string& id_term) const { return written_.count(id_term) != 0; }
  // The content hash stored for `id_term`, "" when absent.
  std::string StoredHash(const std::string& id_term);

  // Adds or replaces the document keyed by `id_term`, and adds its words to
  // the spelling table; commits when the batch is full. `input_bytes` counts
  // towards --batch-mb.
  void Write(const std::string& id_term, const Xapian::Document& document,
             std::uint64_t input_bytes);
  // Deletes every document whose origin term is under `origin_prefix` (a
  // folder's absolute path ending in '/') and whose file no longer exists.
  // Returns how many documents went.
  std::size_t PruneMissing(const std::string& origin_prefix);

  // Commits the batch in progress with the metadata (a no-change run still
  // records its time). Throws Error{kIo}.
  void Commit();
  // Commits when something was written since the last commit.
  void CommitIfPending() {
    if (batch_writes_ > 0) Commit();
  }
  // Sets the metadata Commit() writes on `db` (a fresh build's merged
  // database, before its commit).
  void WriteMetadata(Xapian::WritableDatabase& db) const;
  // Releases the write lock; nothing may be written afterwards.
  void Close();

 private:
  void CommitIfFull();

  std::string db_path_;
  WriterOptions options_;
  WriterMetadata metadata_;
  Xapian::WritableDatabase db_;
  Xapian::doccount doc_count_ = 0;
  std::string previous_fingerprint_;
  std::unordered_set<std::string> written_;
  SpellingCounts spellings_;  // this batch's words, added at commit
  StemCollector stems_;       // and their stems
  std::size_t batch_writes_ = 0;
  std::uint64_t batch_bytes_ = 0;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_WRITER_H_
