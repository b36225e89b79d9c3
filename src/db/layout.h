// The on-disk layout of a gazette index: `--db PATH` is a folder holding a
// Xapian stub file PATH/XAPIANDB that names the live database folder(s)
// (`auto idx-000001`). Readers and writers open PATH and Xapian follows the
// stub; `rebuild` builds idx-000002 beside it and swaps the stub with
// rename(2), so no reader ever sees a half-built index. See docs/schema.md.
#ifndef GAZETTE_SRC_DB_LAYOUT_H_
#define GAZETTE_SRC_DB_LAYOUT_H_

#include <string>
#include <vector>

namespace gazette::internal {

inline constexpr char kStubName[] = "XAPIANDB";

// Creates PATH with an empty live database and its stub when PATH has no stub
// (missing, empty, or left by a creation that was killed); leaves an existing
// index alone. Throws Error{kIo}, also for a folder holding other files.
void EnsureIndexLayout(const std::string& db_path);

// The live database folders the stub names, as absolute paths, in order.
// Empty when PATH has no stub (e.g. a plain Xapian database given as --db).
std::vector<std::string> LiveDatabaseDirs(const std::string& db_path);

// A new, not yet existing folder name beside the live ones ("idx-000002").
std::string NextDatabaseDir(const std::string& db_path);

// Points the stub at `dirs` (names relative to PATH) atomically: writes
// XAPIANDB.tmp, fsyncs it, renames it over XAPIANDB. Throws Error{kIo}.
void SwapLiveDatabases(const std::string& db_path, const std::vector<std::string>& dirs);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_LAYOUT_H_
