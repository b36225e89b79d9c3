// Opening an index for reading. The only read-side owner of a Xapian database;
// turns Xapian's exceptions into gazette::Error with the path as context.
#ifndef GAZETTE_DATABASE_H_
#define GAZETTE_DATABASE_H_

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gazette/problem.h"

namespace gazette {
namespace internal {
class SpellingIndex;
}

// How Database::Open reads the indexes it is given.
struct OpenOptions {
  // Read indexes of an older schema (rebuild, inspect and export do).
  // Default: false.
  bool allow_old_schema = false;
  // Skip a shard that cannot be opened (its server down, its folder gone)
  // instead of failing, and search the rest: Database::skipped() names each.
  // Default: false, since counts and facets of a partial search are partial.
  bool partial = false;
};

// A shard Open(partial) left out, and why ("Couldn't connect (Connection
// refused)").
struct SkippedShard {
  std::string shard;  // "db/shard-01", "remote 10.0.0.7:33333"
  std::string reason;
};

// Like Xapian::Database, whose handle it copies: a copy shares the open
// index and the spelling table, so a Database and its copies belong to one
// thread at a time; a thread of its own opens its own.
class Database {
 public:
  // Opens the index at `path` for reading. Throws Error{kNoDatabase} (with a
  // hint to run `gazette index`), Error{kSchemaTooOld} (unless
  // `allow_old_schema`: rebuild, inspect and export read old indexes),
  // Error{kCorrupt}, Error{kIo} for a shard that does not answer (naming it).
  static Database Open(const std::string& path, bool allow_old_schema = false);
  // Opens several indexes as one: each path an index folder, a sharded
  // index, or a stub file listing local and remote shards (docs/scaling.md).
  // Each shard is opened on its own, so a failure names it; with
  // options.partial a failed shard is skipped instead, unless none answers.
  // Throws as Open(path). REQUIRES: !paths.empty().
  static Database Open(const std::vector<std::string>& paths, const OpenOptions& options);

  // The path given, or the paths joined by ", ".
  const std::string& path() const { return path_; }
  Xapian::Database& xapian() { return db_; }
  const Xapian::Database& xapian() const { return db_; }
  // The first shard's: Xapian returns only the first shard's metadata.
  int schema_version() const;
  std::string metadata(std::string_view key) const;
  // Whether a shard is served by xapian-tcpsrv (or another remote program),
  // which runs only Xapian's built-in match spies.
  bool has_remote() const { return has_remote_; }
  // Shards left out by OpenOptions::partial, at open or when one stopped
  // answering during a Read().
  const std::vector<SkippedShard>& skipped() const { return skipped_; }

  // The spelling table held in memory (src/db/spelling_index.h), answering
  // as Xapian's speller does without its B-tree reads. Null on the first ask
  // at a revision, where asking Xapian once costs less than loading the table
  // (a one-shot command asks once); loaded on the second and kept until the
  // index is reopened at another revision. Always null for sharded and
  // remote indexes. Call inside Read(): loading reads the index.
  const internal::SpellingIndex* spelling_index();

  // Runs f(Xapian::Database&). A writer committing twice during a read makes
  // Xapian throw DatabaseModifiedError: reopen and retry (see
  // kRetriesWhileWriting). A remote shard that stops answering fails the read
  // naming it, or with OpenOptions::partial is skipped and the read runs again
  // on the rest. Any other Xapian::Error becomes gazette::Error naming `path`.
  template <class F>
  auto Read(F&& f) -> decltype(f(std::declval<Xapian::Database&>())) {
    bool stale = false;
    for (int attempt = 0;; ++attempt) {
      try {
        // reopen() reads the newest revision, which a writer committing small
        // batches back to back can discard in turn: it is retried too.
        if (stale) db_.reopen();
        return f(db_);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kRetriesWhileWriting)
          throw Error(ErrorKind::kInternal, path_ + ": index keeps changing under the reader");
        stale = true;
        WaitForWriter(attempt);
      } catch (const Xapian::NetworkError& e) {
        if (!options_.partial || attempt >= 4) ThrowShardLost(e);
        ReopenAnswering();
      } catch (const Xapian::Error& e) {
        ThrowFromXapian(e);
      }
    }
  }

  // How often a reader retries when a writer's commits discard the revision
  // it reads, and the pause before retry `attempt`: none for the first few,
  // then `attempt` milliseconds, about a second in all.
  static constexpr int kRetriesWhileWriting = 45;
  static void WaitForWriter(int attempt);

  // Converts a Xapian error into gazette::Error naming this database.
  [[noreturn]] void ThrowFromXapian(const Xapian::Error& e) const;

 private:
  Database(std::string path, Xapian::Database db)
      : path_(std::move(path)), db_(std::move(db)) {}
  // A remote shard failed mid-read: Error{kIo} naming the ones that no
  // longer answer.
  [[noreturn]] void ThrowShardLost(const Xapian::NetworkError& e) const;
  // Opens the paths again, skipping what does not answer now.
  void ReopenAnswering();

  std::string path_;
  Xapian::Database db_;
  std::vector<std::string> paths_;
  OpenOptions options_;
  bool has_remote_ = false;
  std::vector<SkippedShard> skipped_;
  struct SpellingCache;
  std::shared_ptr<SpellingCache> spelling_;
};

}  // namespace gazette

#endif  // GAZETTE_DATABASE_H_
