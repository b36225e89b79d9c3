// The on-disk layout of a gazette index: `--db PATH` is a folder holding a
// Xapian stub file PATH/XAPIANDB that names the live database folder(s)
// (`auto idx-000001`). Readers and writers open PATH and Xapian follows the
// stub; `rebuild` builds idx-000002 beside it and swaps the stub with
// rename(2), so no reader ever sees a half-built index. See docs/schema.md.
#ifndef GAZETTE_SRC_DB_LAYOUT_H_
#define GAZETTE_SRC_DB_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gazette::internal {

inline constexpr char kStubName[] = "XAPIANDB";
// The sub-databases of a fresh build in progress ("bulk-000001"): see
// indexer/bulk_build.h.
inline constexpr std::string_view kSubDatabasePrefix = "bulk-";

// Creates PATH with an empty live database and its stub when PATH has no stub
// (missing, empty, or left by a creation that was killed); leaves an existing
// index alone. Throws Error{kIo}, also for a folder holding other files.
void EnsureIndexLayout(const std::string& db_path);

// For `--shards N` (N > 1): PATH's stub names shard-00 ... shard-NN, each an
// index folder of its own, created by EnsureIndexLayout. Creates the layout
// when PATH has no stub; otherwise checks that it has N shards (0: any
// count, or none). Throws Error{kUsage} on a mismatch, Error{kIo}.
void EnsureShardedLayout(const std::string& db_path, unsigned shards);

// The shard folders of a sharded index (absolute, in stub order); empty for
// an unsharded one. A stub entry is a shard when it is itself an index
// folder with a stub.
std::vector<std::string> ShardFolders(const std::string& db_path);

// True when PATH's stub names a database gazette cannot write: a remote
// shard or a backend other than `auto`/`glass`.
bool StubNamesUnwritable(const std::string& db_path);

// The index folders holding live databases: the shards, else PATH itself.
std::vector<std::string> IndexFolders(const std::string& db_path);
// The live database folders of every index folder: what Xapian opens.
std::vector<std::string> AllLiveDatabaseDirs(const std::string& db_path);

// The live database folders the stub names, as absolute paths, in order.
// Empty when PATH has no stub (e.g. a plain Xapian database given as --db).
std::vector<std::string> LiveDatabaseDirs(const std::string& db_path);

// A new, not yet existing folder name beside the live ones ("idx-000002").
std::string NextDatabaseDir(const std::string& db_path);

// Points the stub at `dirs` (names relative to PATH) atomically: writes
// XAPIANDB.tmp, fsyncs it, renames it over XAPIANDB. Throws Error{kIo}.
void SwapLiveDatabases(const std::string& db_path, const std::vector<std::string>& dirs);

// Database folders in PATH that the stub does not name ("idx-*"), and the
// parts of a fresh build or rebuild ("bulk-*"): what a run killed before or
// after its swap leaves behind. Absolute paths, sorted. Only safe to delete
// while holding the live databases' write locks.
std::vector<std::string> LeftoverDatabaseDirs(const std::string& db_path);

// Removes LeftoverDatabaseDirs(). Only safe while holding the live databases'
// write locks. Throws Error{kIo}.
void RemoveDebris(const std::string& db_path);

// Removes a database folder and everything in it. Throws Error{kIo}.
void RemoveDatabaseDir(const std::string& dir);

// fsyncs every file in `dir` and the folder itself, so a database written
// with DB_NO_SYNC is durable before the stub points at it. Throws Error{kIo}.
void SyncDatabaseDir(const std::string& dir);

// The bytes the files under `dir` take (apparent size). 0 when missing.
std::uint64_t DirectoryBytes(const std::string& dir);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_LAYOUT_H_
