// Rebuild(): lock the live database, write a re-derived copy beside it as a
// fresh `gazette index` build does (parts with DB_NO_SYNC, merged by the
// compactor, made durable by one sync before the swap), then point the stub
// at it with rename(2). Why each step is safe: docs/maintenance.md and
// xapian-notes §6-7.
#include "gazette/rebuild.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "db/layout.h"
#include "db/writer.h"
#include "indexer/bulk_build.h"
#include "indexer/sub_database_pool.h"
#include "indexer/thread_count.h"
#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/options.h"
#include "gazette/schema.h"
#include "gazette/version.h"
#include "maint/rederive.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Takes the write lock of every live database, waiting up to `wait_seconds`:
// while we hold them no indexer can commit to the index we are copying.
std::vector<Xapian::WritableDatabase> LockLiveDatabases(const std::string& db_path,
                                                        const std::vector<std::string>& dirs,
                                                        double wait_seconds) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(wait_seconds);
  std::vector<Xapian::WritableDatabase> locks;
  for (const std::string& dir : dirs) {
    for (;;) {
      try {
        locks.emplace_back(dir, Xapian::DB_OPEN);
        break;
      } catch (const Xapian::DatabaseLockError&) {
        if (Clock::now() >= deadline)
          throw Error(ErrorKind::kLocked,
                      db_path + " is locked by another gazette writer (waited " +
                          std::to_string(static_cast<int>(wait_seconds)) + " s; see --wait)");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      } catch (const Xapian::Error& e) {
        throw Error(ErrorKind::kIo, dir + ": cannot open the index for writing: " + e.get_msg());
      }
    }
  }
  return locks;
}

// Walks every stored article once: derives it afresh, tallies what changes,
// and hands the new article to `sink` (absent in a dry run).
class Pass {
 public:
  Pass(const RebuildOptions& options, const Gazetteer& gazetteer,
       const RebuildCallbacks& callbacks, RebuildReport& report)
      : options_(options), gazetteer_(gazetteer), callbacks_(callbacks), report_(report),
        rederiver_(gazetteer) {}

  template <class Sink>
  void Run(Xapian::Database& source, Clock::time_point start, Sink&& sink) {
    const std::size_t total = source.get_doccount();
    auto last_progress = Clock::now();
    std::size_t done = 0;
    for (auto it = source.postlist_begin(""); it != source.postlist_end(""); ++it, ++done) {
      const Xapian::Document doc = source.get_document(*it);
      std::optional<Article> stored = ReadStored(doc);
      if (!stored) continue;
      Article fresh = rederiver_.Rederive(*stored);
      Tally(*stored, fresh);
      sink(std::move(fresh), doc.get_value(schema::kSlotContentHash));
      ++report_.articles;
      if (callbacks_.on_progress && Clock::now() - last_progress >= std::chrono::milliseconds(100)) {
        last_progress = Clock::now();
        callbacks_.on_progress(RebuildProgress{done, total, Since(start)});
      }
    }
    report_.facets = internal::EntityTally::Compare(before_, after_, gazetteer_,
                                                    options_.facet_limit);
  }

 private:
  std::optional<Article> ReadStored(const Xapian::Document& doc) {
    try {
      return ArticleFromDocument(doc);
    } catch (const Error& e) {
      ++report_.dropped;
      if (callbacks_.on_problem)
        callbacks_.on_problem(Problem{"document " + std::to_string(doc.get_docid()), 0,
                                      std::string(e.what()) + "; dropped", true});
      return std::nullopt;
    }
  }

  void Tally(const Article& stored, const Article& fresh) {
    before_.Add(stored);
    after_.Add(fresh);
    ArticleChange change{stored.id, stored.title, {}, {}};
    internal::DiffEntities(stored, fresh, change.added, change.removed);
    if (change.added.empty() && change.removed.empty()) return;
    ++report_.changed;
    if (report_.changes.size() < options_.change_limit) report_.changes.push_back(std::move(change));
  }

  const RebuildOptions& options_;
  const Gazetteer& gazetteer_;
  const RebuildCallbacks& callbacks_;
  RebuildReport& report_;
  internal::Rederiver rederiver_;
  internal::EntityTally before_;
  internal::EntityTally after_;
};

// Writes the re-derived articles as a fresh `gazette index` build does:
// writer threads commit them into parts beside the live database, whose
// words then make the spelling and stem tables, and Xapian's compactor merges
// it all into a new folder, which the stub is pointed at (BulkBuild). At 10k
// 2.4 times quicker than one database written on this thread, and the result
// is compacted (docs/performance.md, "Session 14").
void BuildAndSwap(const std::string& db_path, Xapian::Database& source, Pass& pass,
                  const Gazetteer& gazetteer, Clock::time_point start, RebuildReport& report) {
  const unsigned threads = internal::ThreadCount(0);
  auto pool = std::make_unique<internal::SubDatabasePool>(threads);
  // Batches and parts as `gazette index` makes them by default.
  const internal::WriterOptions batches;
  internal::BulkBuild build(db_path, *pool, batches.batch_articles, batches.batch_bytes,
                            IndexOptions{}.part_articles);
  try {
    pass.Run(source, start, [&](Article&& article, const std::string& hash) {
      // The content hash is of the input fields, which a rebuild keeps, so
      // `gazette index` still skips unchanged files afterwards.
      const std::string id_term = schema::IdTerm(article.id);  // before the move
      build.Add(id_term, hash, std::move(article), 0);
    });
    build.Flush();
    pool->Drain();
  } catch (...) {
    // The writer threads may be writing into the parts that `build` removes.
    pool.reset();
    throw;
  }
  const auto finish = [&](Xapian::WritableDatabase& out) {
    for (auto key = source.metadata_keys_begin(); key != source.metadata_keys_end(); ++key)
      out.set_metadata(*key, source.get_metadata(*key));
    out.set_metadata(std::string(schema::kMetaSchemaVersion),
                     std::to_string(schema::kSchemaVersion));
    out.set_metadata(std::string(schema::kMetaGazetteer), gazetteer.Fingerprint());
    out.set_metadata(std::string(schema::kMetaWriter), std::string(Version()));
  };
  // Were every article dropped, an empty database still takes the old one's place.
  build.Complete(finish, internal::BulkBuild::IfEmpty::kSwapInEmpty);
  report.new_dir = build.merged_dir();
}

RebuildReport RebuildLocked(const std::string& db_path, const std::vector<std::string>& live_dirs,
                            const RebuildOptions& options, const Gazetteer& gazetteer,
                            const RebuildCallbacks& callbacks, RebuildReport report,
                            Clock::time_point start) {
  std::vector<Xapian::WritableDatabase> locks =
      LockLiveDatabases(db_path, live_dirs, options.wait_seconds);
  // Holding the locks, no other rebuild runs: whatever the stub does not
  // name is debris from one that was killed.
  for (const std::string& dir : internal::LeftoverDatabaseDirs(db_path)) {
    internal::RemoveDatabaseDir(dir);
    ++report.leftovers_removed;
  }
  for (const std::string& dir : live_dirs) report.bytes_before += internal::DirectoryBytes(dir);

  try {
    Xapian::Database source(db_path);
    Pass pass(options, gazetteer, callbacks, report);
    BuildAndSwap(db_path, source, pass, gazetteer, start, report);
    report.compacted = true;
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, db_path + ": rebuild failed: " + std::string(e.get_type()) + ": " + e.get_msg());
  }

  // Released only now, so a waiting indexer's next try opens the new index.
  for (Xapian::WritableDatabase& lock : locks) lock.close();
  // Readers still holding the old folders keep reading them: on Linux an
  // unlinked file lives on while it is open.
  for (const std::string& dir : live_dirs) internal::RemoveDatabaseDir(dir);
  report.bytes_after = internal::DirectoryBytes(report.new_dir);
  report.elapsed_seconds = Since(start);
  return report;
}

// A sharded index is rebuilt shard by shard, each swapped in on its own: an
// article stays in its shard (its id's hash), and the stub listing the
// shards never changes. The report adds the shards' reports up.
RebuildReport RebuildShards(const std::vector<std::string>& shards, const RebuildOptions& options,
                            const Gazetteer& gazetteer, const RebuildCallbacks& callbacks) {
  const auto start = Clock::now();
  RebuildReport total;
  std::vector<FacetShift> rows;
  for (const std::string& shard : shards) {
    RebuildOptions shard_options = options;
    shard_options.facet_limit = static_cast<std::size_t>(-1);  // cut after merging
    shard_options.change_limit = options.change_limit - total.changes.size();
    RebuildReport r = Rebuild(shard, shard_options, gazetteer, callbacks);
    total.dry_run = r.dry_run;
    total.compacted = r.compacted;
    total.articles += r.articles;
    total.changed += r.changed;
    total.dropped += r.dropped;
    for (ArticleChange& c : r.changes) total.changes.push_back(std::move(c));
    // Rows of one entity add up across shards.
    for (FacetShift& shift : r.facets) {
      auto same = std::find_if(rows.begin(), rows.end(), [&](const FacetShift& row) {
        return row.kind == shift.kind && row.id == shift.id;
      });
      if (same == rows.end()) {
        rows.push_back(std::move(shift));
      } else {
        same->before += shift.before;
        same->after += shift.after;
      }
    }
    total.old_gazetteer = r.old_gazetteer;
    total.new_gazetteer = r.new_gazetteer;
    total.old_schema = std::max(total.old_schema, r.old_schema);
    total.new_schema = r.new_schema;
    total.new_dir = r.new_dir.empty() ? "" : fs::path(r.new_dir).parent_path().parent_path().string();
    total.leftovers_removed += r.leftovers_removed;
    total.bytes_before += r.bytes_before;
    total.bytes_after += r.bytes_after;
  }
  total.facets = internal::EntityTally::KeepBusiest(std::move(rows), options.facet_limit);
  total.elapsed_seconds = Since(start);
  return total;
}

}  // namespace

RebuildReport Rebuild(const std::string& db_path, const RebuildOptions& options,
                      const Gazetteer& gazetteer, const RebuildCallbacks& callbacks) {
  if (const std::vector<std::string> shards = internal::ShardFolders(db_path); !shards.empty())
    return RebuildShards(shards, options, gazetteer, callbacks);
  const auto start = Clock::now();
  Database live = Database::Open(db_path, /*allow_old_schema=*/true);
  const std::vector<std::string> live_dirs = internal::LiveDatabaseDirs(db_path);
  if (live_dirs.empty())
    throw Error(ErrorKind::kUsage,
                db_path + " has no XAPIANDB stub naming its live database, so it cannot be "
                          "swapped: index into a new --db instead");

  RebuildReport report;
  report.dry_run = options.dry_run;
  report.old_schema = live.schema_version();
  report.new_schema = schema::kSchemaVersion;
  report.old_gazetteer = live.metadata(schema::kMetaGazetteer);
  report.new_gazetteer = gazetteer.Fingerprint();
  if (!options.dry_run)
    return RebuildLocked(db_path, live_dirs, options, gazetteer, callbacks, report, start);

  // A dry run writes nothing, so it takes no lock: if a writer commits under
  // it, Read() reopens and the pass starts again from a clean report.
  const RebuildReport initial = report;
  live.Read([&](Xapian::Database& db) {
    report = initial;
    Pass pass(options, gazetteer, callbacks, report);
    pass.Run(db, start, [](Article&&, const std::string&) {});
    return 0;
  });
  for (const std::string& dir : live_dirs) report.bytes_before += internal::DirectoryBytes(dir);
  report.elapsed_seconds = Since(start);
  return report;
}

}  // namespace gazette
