// Opening an index, or several and their shards, for reading, with errors
// a user can act on: a shard that fails is named (docs/scaling.md).
#include "gazette/database.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "db/shards.h"
#include "db/spelling_index.h"
#include "gazette/schema.h"

namespace gazette {
namespace {

int ParseSchemaVersion(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoi(text);
  } catch (const std::exception&) {
    return 0;
  }
}

void CheckSchema(const std::string& where, const Xapian::Database& db, bool allow_old_schema) {
  const int version = ParseSchemaVersion(db.get_metadata(std::string(schema::kMetaSchemaVersion)));
  if (version > schema::kSchemaVersion) {
    throw Error(ErrorKind::kSchemaTooOld,
                where + " was written by a newer gazette (schema " + std::to_string(version) +
                    ", this one reads " + std::to_string(schema::kSchemaVersion) +
                    "): upgrade gazette");
  }
  if (version < schema::kSchemaVersion && !allow_old_schema && db.get_doccount() > 0) {
    throw Error(ErrorKind::kSchemaTooOld,
                where + " uses index schema " + std::to_string(version) + ", this gazette needs " +
                    std::to_string(schema::kSchemaVersion) + ": run `gazette rebuild`");
  }
}

// One shard, opened and its schema read: retried when a writer committing
// meanwhile discards the revision being read (opening again reads the new one).
Xapian::Database OpenChecked(const internal::ShardSpec& shard, const std::string& where,
                             bool allow_old_schema) {
  for (int attempt = 0;; ++attempt) {
    try {
      Xapian::Database db = internal::OpenShard(shard);
      CheckSchema(where, db, allow_old_schema);
      return db;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= Database::kRetriesWhileWriting) throw;
      Database::WaitForWriter(attempt);
    }
  }
}

// Why a shard of `path` did not open. `single`: `path` is one local index, so
// the messages are those of an unsharded index.
Error OpenError(const std::string& path, const internal::ShardSpec& shard, bool single,
                const Xapian::Error& e) {
  const std::string type = e.get_type();
  if (single && type == "DatabaseNotFoundError")
    return Error(ErrorKind::kNoDatabase,
                 path + " is not a gazette index (create one with `gazette index PATH...`)");
  if (single) return Error(ErrorKind::kCorrupt, path + ": cannot open the index: " + e.get_msg());
  const bool network = type == "NetworkError" || type == "NetworkTimeoutError";
  return Error(ErrorKind::kIo, path + ": shard " + shard.name +
                                   (network ? " does not answer: " : " cannot be opened: ") +
                                   internal::DescribeXapianError(e) +
                                   "; search the other shards with --partial");
}

std::string Joined(const std::vector<std::string>& paths) {
  std::string joined;
  for (const std::string& p : paths) joined += (joined.empty() ? "" : ", ") + p;
  return joined;
}

}  // namespace

Database Database::Open(const std::string& path, bool allow_old_schema) {
  return Open(std::vector<std::string>{path}, OpenOptions{.allow_old_schema = allow_old_schema});
}

Database Database::Open(const std::vector<std::string>& paths, const OpenOptions& options) {
  assert(!paths.empty());
  Xapian::Database combined;
  bool remote = false;
  bool opened_any = false;
  std::vector<SkippedShard> skipped;
  for (const std::string& path : paths) {
    if (!std::filesystem::exists(path)) {
      throw Error(ErrorKind::kNoDatabase,
                  "no index at " + path +
                      " (create one with `gazette index PATH...`, or point --db / "
                      "$GAZETTE_DB at an existing one)");
    }
    const std::vector<internal::ShardSpec> shards = internal::ListShards(path);
    const bool single = shards.size() == 1 && !shards[0].remote;
    for (const internal::ShardSpec& shard : shards) {
      Xapian::Database db;
      try {
        db = OpenChecked(shard, single ? path : shard.name, options.allow_old_schema);
      } catch (const Xapian::Error& e) {
        if (!options.partial) throw OpenError(path, shard, single, e);
        skipped.push_back({shard.name, internal::DescribeXapianError(e)});
        continue;
      }
      combined.add_database(db);
      remote = remote || shard.remote;
      opened_any = true;
    }
  }
  if (!opened_any && !skipped.empty())
    throw Error(ErrorKind::kIo, "no shard of " + Joined(paths) + " answers (" + skipped[0].shard +
                                    ": " + skipped[0].reason + ")");
  Database db(Joined(paths), std::move(combined));
  db.paths_ = paths;
  db.options_ = options;
  db.has_remote_ = remote;
  db.skipped_ = std::move(skipped);
  return db;
}

struct Database::SpellingCache {
  Xapian::rev revision = 0;
  bool asked = false;  // once at `revision`, answered by Xapian
  std::optional<internal::SpellingIndex> index;
};

const internal::SpellingIndex* Database::spelling_index() {
  if (has_remote_ || db_.size() != 1) return nullptr;
  if (!spelling_) spelling_ = std::make_shared<SpellingCache>();
  SpellingCache& cache = *spelling_;
  const Xapian::rev revision = db_.get_revision();
  if (cache.revision != revision || !cache.asked) {
    // A reader that reopens at each new commit would load on every query:
    // loading only at a revision already asked once keeps it on Xapian's.
    cache = SpellingCache{.revision = revision, .asked = true, .index = std::nullopt};
    return nullptr;
  }
  if (!cache.index) cache.index = internal::SpellingIndex::Load(db_);
  return &*cache.index;
}

void Database::WaitForWriter(int attempt) {
  if (attempt >= 3) std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
}

void Database::ReopenAnswering() {
  Database fresh = Open(paths_, options_);
  db_ = fresh.db_;
  has_remote_ = fresh.has_remote_;
  for (SkippedShard& s : fresh.skipped_) {
    const bool known = std::any_of(skipped_.begin(), skipped_.end(),
                                   [&](const SkippedShard& k) { return k.shard == s.shard; });
    if (!known) skipped_.push_back(std::move(s));
  }
}

void Database::ThrowShardLost(const Xapian::NetworkError& e) const {
  // Xapian does not say which shard failed: ask each remote one again.
  std::string lost;
  for (const std::string& path : paths_) {
    for (const internal::ShardSpec& shard : internal::ListShards(path)) {
      if (!shard.remote) continue;
      try {
        internal::OpenShard(shard);
      } catch (const Xapian::Error&) {
        lost += (lost.empty() ? "" : ", ") + shard.name;
      }
    }
  }
  throw Error(ErrorKind::kIo, path_ + ": " + (lost.empty() ? "a remote shard" : "shard " + lost) +
                                  " stopped answering: " + internal::DescribeXapianError(e) +
                                  "; search the other shards with --partial");
}

int Database::schema_version() const {
  return ParseSchemaVersion(metadata(schema::kMetaSchemaVersion));
}

std::string Database::metadata(std::string_view key) const {
  try {
    return db_.get_metadata(std::string(key));
  } catch (const Xapian::Error& e) {
    ThrowFromXapian(e);
  }
}

void Database::ThrowFromXapian(const Xapian::Error& e) const {
  const std::string type = e.get_type();
  if (type == "DatabaseCorruptError" || type == "DatabaseError")
    throw Error(ErrorKind::kCorrupt, path_ + ": " + e.get_msg());
  throw Error(ErrorKind::kInternal, path_ + ": " + type + ": " + e.get_msg());
}

}  // namespace gazette
