// IndexWriter: lock with a deadline, batched commits, metadata, pruning.
#include "db/writer.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <thread>

#include "db/layout.h"
#include "gazette/problem.h"
#include "gazette/schema.h"

namespace gazette::internal {
namespace {

using Clock = std::chrono::steady_clock;

bool OutOfFileDescriptors(const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  return reason && (std::string_view(reason) == std::strerror(EMFILE) ||
                    std::string_view(reason) == std::strerror(ENFILE));
}

[[noreturn]] void ThrowIo(const std::string& db_path, const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  // Each shard's writer holds about seven files open at once.
  const std::string_view hint =
      OutOfFileDescriptors(e) ? "; raise the limit with `ulimit -n`, or use fewer shards" : "";
  throw Error(ErrorKind::kIo, fmt::format("{}: cannot write the index: {}: {}{}{}", db_path,
                                          e.get_type(), e.get_msg(),
                                          reason ? fmt::format(" ({})", reason) : "", hint));
}

// The database the stub names, when it names one; else PATH itself (a plain
// Xapian database given as --db).
std::string LiveTarget(const std::string& db_path) {
  const std::vector<std::string> live = LiveDatabaseDirs(db_path);
  return live.size() == 1 ? live.front() : db_path;
}

// Polls rather than using DB_RETRY_LOCK, which blocks with no deadline and
// cannot be interrupted by Ctrl-C.
Xapian::WritableDatabase OpenWithDeadline(const std::string& db_path,
                                          const WriterOptions& options) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(options.wait_seconds);
  std::string target;
  for (;;) {
    try {
      // The folder the stub names, checked again once locked: a rebuild or
      // fresh build that held the lock may have swapped the stub meanwhile,
      // and writing into the folder it replaced would lose the articles.
      target = LiveTarget(db_path);
      Xapian::WritableDatabase db(target, Xapian::DB_OPEN);
      if (LiveTarget(db_path) == target) return db;
      db.close();
      if (Clock::now() >= deadline)
        throw Error(ErrorKind::kIo, fmt::format("{}: the index kept being swapped while this "
                                                "writer opened it", db_path));
      continue;
    } catch (const Xapian::DatabaseLockError&) {
      const bool stop = options.stop_requested && options.stop_requested->load();
      if (stop || Clock::now() >= deadline)
        throw Error(ErrorKind::kLocked,
                    fmt::format("{} is locked by another writer (gave up after {:g} s; "
                                "see --wait)",
                                db_path, options.wait_seconds));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } catch (const Xapian::DatabaseOpeningError& e) {
      // The folder went away between reading the stub and opening it: a
      // swap finished; read the stub again. Any other failure to open (out
      // of file descriptors, say) would fail again on every try.
      const bool swapped = !std::filesystem::exists(target);
      const bool stop = options.stop_requested && options.stop_requested->load();
      if (!swapped || stop || Clock::now() >= deadline) ThrowIo(db_path, e);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } catch (const Xapian::Error& e) {
      ThrowIo(db_path, e);
    }
  }
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

int ParseVersion(const std::string& text) {
  int version = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    version = version * 10 + (c - '0');
  }
  return version;
}

}  // namespace

IndexWriter::IndexWriter(const std::string& db_path, const WriterOptions& options,
                         WriterMetadata metadata)
    : db_path_(db_path), options_(options), metadata_(std::move(metadata)) {
  EnsureIndexLayout(db_path);
  db_ = OpenWithDeadline(db_path, options);
  try {
    doc_count_ = db_.get_doccount();
    previous_fingerprint_ = db_.get_metadata(std::string(schema::kMetaGazetteer));
    const std::string stored = db_.get_metadata(std::string(schema::kMetaSchemaVersion));
    // Mixing documents of two schemas would make searches silently wrong.
    if (!was_empty() && ParseVersion(stored) != schema::kSchemaVersion)
      throw Error(ErrorKind::kSchemaTooOld,
                  fmt::format("{} uses index schema {}, this gazette writes {}: run "
                              "`gazette rebuild` first",
                              db_path, stored.empty() ? "0" : stored, schema::kSchemaVersion));
  } catch (const Xapian::Error& e) {
    ThrowIo(db_path, e);
  }
}

std::string IndexWriter::StoredHash(const std::string& id_term) {
  try {
    Xapian::PostingIterator it = db_.postlist_begin(id_term);
    if (it == db_.postlist_end(id_term)) return "";
    return db_.get_document(*it).get_value(schema::kSlotContentHash);
  } catch (const Xapian::Error& e) {
    ThrowIo(db_path_, e);
  }
}

void IndexWriter::Write(const std::string& id_term, const Xapian::Document& document,
                        std::uint64_t input_bytes) {
  try {
    // In an index that started empty, only this run's own writes can share
    // the id, and add_document is ~13% faster (xapian-notes §10).
    if (was_empty() && written_.count(id_term) == 0) {
      db_.add_document(document);
    } else {
      db_.replace_document(id_term, document);
    }
  } catch (const Xapian::Error& e) {
    ThrowIo(db_path_, e);
  }
  spellings_.Add(document);
  stems_.Add(document);
  written_.insert(id_term);
  ++batch_writes_;
  batch_bytes_ += input_bytes;
  CommitIfFull();
}

std::size_t IndexWriter::PruneMissing(const std::string& origin_prefix) {
  const std::string term_prefix = schema::PrefixedTerm(schema::kPrefixOrigin, origin_prefix);
  std::vector<std::string> gone;
  try {
    for (auto it = db_.allterms_begin(term_prefix); it != db_.allterms_end(term_prefix); ++it) {
      const std::string term = *it;
      const std::string path = term.substr(schema::kPrefixOrigin.size());
      std::error_code ec;
      if (!std::filesystem::exists(path, ec) && !ec) gone.push_back(term);
    }
    std::size_t removed = 0;
    for (const std::string& term : gone) {
      removed += db_.get_termfreq(term);
      db_.delete_document(term);
      ++batch_writes_;
      CommitIfFull();
    }
    return removed;
  } catch (const Xapian::Error& e) {
    ThrowIo(db_path_, e);
  }
}

void IndexWriter::CommitIfFull() {
  if (batch_writes_ >= options_.batch_articles || batch_bytes_ >= options_.batch_bytes) Commit();
}

void IndexWriter::Commit() {
  try {
    spellings_.FlushTo(db_);
    stems_.FlushTo(db_);
    WriteMetadata(db_);
    db_.commit();
  } catch (const Xapian::Error& e) {
    ThrowIo(db_path_, e);
  }
  batch_writes_ = 0;
  batch_bytes_ = 0;
}

void IndexWriter::WriteMetadata(Xapian::WritableDatabase& db) const {
  db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
  // An index built with another gazetteer keeps its fingerprint: its older
  // articles still carry those entities until `gazette rebuild`.
  if (previous_fingerprint_.empty() || was_empty())
    db.set_metadata(std::string(schema::kMetaGazetteer), metadata_.gazetteer_fingerprint);
  db.set_metadata(std::string(schema::kMetaWriter), metadata_.writer_version);
  db.set_metadata(std::string(schema::kMetaLastIndexed), UtcNow());
}

void IndexWriter::Close() {
  try {
    db_.close();
  } catch (const Xapian::Error& e) {
    ThrowIo(db_path_, e);
  }
}

}  // namespace gazette::internal
