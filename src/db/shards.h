// The shards one `--db` path names: the lines of its Xapian stub, read the way
// Xapian reads them, so that gazette can open them one by one and say which
// one failed (Xapian's own opener stops at the first, without naming it).
// See docs/scaling.md.
#ifndef GAZETTE_SRC_DB_SHARDS_H_
#define GAZETTE_SRC_DB_SHARDS_H_

#include <xapian.h>

#include <string>
#include <vector>

namespace gazette::internal {

struct ShardSpec {
  enum class Kind { kLocal, kRemoteTcp, kRemoteProgram };
  Kind kind = Kind::kLocal;
  // For messages: the folder ("db/shard-01"), or "remote 10.0.0.7:33333".
  std::string name;
  std::string path;     // kLocal: what to open (folder, stub file or database)
  std::string host;     // kRemoteTcp
  unsigned port = 0;    // kRemoteTcp
  std::string program;  // kRemoteProgram, and its arguments
  std::string args;
  // Remote itself, or (local) a stub further down lists a remote shard.
  bool remote = false;
};

// The shards `path` names: the entries of its stub (PATH/XAPIANDB, or PATH
// itself when it is a stub file), else PATH alone. Relative entries resolve
// against the stub's folder, as in Xapian. An entry that is itself a stub is
// one shard (Xapian follows it when the shard opens). Throws Error{kCorrupt}
// for a stub line Xapian would refuse, naming the file and line.
std::vector<ShardSpec> ListShards(const std::string& path);

// Opens one shard; remote ones with Xapian's default timeouts (10 s), as
// their stub lines would. Throws Xapian::Error.
Xapian::Database OpenShard(const ShardSpec& shard);

// The Xapian error as one line: message, and the system's reason when any
// ("Couldn't connect (Connection refused)").
std::string DescribeXapianError(const Xapian::Error& e);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_SHARDS_H_
