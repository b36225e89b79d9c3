#include "db/layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xapian.h>

#include "gazette/problem.h"

namespace gazette::internal {
namespace fs = std::filesystem;
namespace {

fs::path StubPath(const std::string& db_path) { return fs::path(db_path) / kStubName; }

// No stub: a plain Xapian database, no names. A stub that cannot be read
// (out of file descriptors, say) must not pass for that.
std::vector<std::string> ReadStubNames(const std::string& db_path) {
  std::vector<std::string> names;
  const fs::path stub = StubPath(db_path);
  std::ifstream in(stub);
  if (!in) {
    const int error = errno;
    std::error_code ec;
    if (fs::exists(stub, ec) || ec)
      throw Error(ErrorKind::kIo, stub.string() + ": cannot read: " + std::strerror(error));
  }
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string type, name;
    if (!(words >> type >> name) || type[0] == '#') continue;
    if (type == "auto" || type == "glass") names.push_back(name);
  }
  return names;
}

}  // namespace

bool StubNamesUnwritable(const std::string& db_path) {
  std::ifstream in(StubPath(db_path));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string type;
    if ((words >> type) && type[0] != '#' && type != "auto" && type != "glass") return true;
  }
  return false;
}

void EnsureIndexLayout(const std::string& db_path) {
  std::error_code ec;
  // A stub, or a plain Xapian database given as --db: nothing to create.
  if (fs::exists(StubPath(db_path), ec) || fs::exists(fs::path(db_path) / "iamglass", ec)) return;
  // Otherwise the folder is new, empty, or left by a creation killed before
  // the stub was written: (re)create, reusing a half-made first database.
  const std::string first = "idx-000001";
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != first && name != std::string(kStubName) + ".tmp")
      throw Error(ErrorKind::kIo, db_path + " is not a gazette index (it holds " + name +
                                      "); give --db a new or empty folder");
  }
  try {
    fs::create_directories(db_path);
    // A first database killed while Xapian created it has no iamglass, and
    // Xapian then neither opens nor overwrites it: start it afresh. Without
    // the stub it never held an article (the stub, written next, is what
    // makes it live). A whole one may be another run's, creating it now.
    const fs::path first_path = fs::path(db_path) / first;
    if (!fs::exists(first_path / "iamglass")) fs::remove_all(first_path);
    Xapian::WritableDatabase(first_path.string(), Xapian::DB_CREATE_OR_OPEN).commit();
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kIo, db_path + ": cannot create the index: " + e.what());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, db_path + ": cannot create the index: " + e.get_msg());
  }
  SwapLiveDatabases(db_path, {first});
}

void EnsureShardedLayout(const std::string& db_path, unsigned shards) {
  std::error_code ec;
  if (fs::exists(StubPath(db_path), ec) || fs::exists(fs::path(db_path) / "iamglass", ec)) {
    const std::size_t existing = ShardFolders(db_path).size();
    if (shards == 0 || existing == shards || (shards == 1 && existing == 0)) return;
    throw Error(ErrorKind::kUsage,
                existing == 0
                    ? fmt::format("{} is an unsharded index: --shards {} applies only to a new "
                                  "index (export it and import into a new --db to reshard)",
                                  db_path, shards)
                    : fmt::format("{} has {} shards, not {}: resharding is not supported "
                                  "(export it and import into a new --db)",
                                  db_path, existing, shards));
  }
  if (shards <= 1) return EnsureIndexLayout(db_path);
  std::vector<std::string> names;
  for (unsigned i = 0; i < shards; ++i) names.push_back(fmt::format("shard-{:02}", i));
  // Shards left by a creation killed before the stub was written are reused.
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    if (std::find(names.begin(), names.end(), name) == names.end() &&
        name != std::string(kStubName) + ".tmp")
      throw Error(ErrorKind::kIo, db_path + " is not a gazette index (it holds " + name +
                                      "); give --db a new or empty folder");
  }
  for (const std::string& name : names) {
    std::error_code mk;
    fs::create_directories(fs::path(db_path) / name, mk);
    if (mk) throw Error(ErrorKind::kIo, db_path + ": cannot create " + name + ": " + mk.message());
    EnsureIndexLayout((fs::path(db_path) / name).string());
  }
  SwapLiveDatabases(db_path, names);
}

std::vector<std::string> ShardFolders(const std::string& db_path) {
  std::vector<std::string> shards = LiveDatabaseDirs(db_path);
  std::error_code ec;
  for (const std::string& dir : shards)
    if (!fs::exists(StubPath(dir), ec)) return {};
  return shards;
}

std::vector<std::string> IndexFolders(const std::string& db_path) {
  std::vector<std::string> shards = ShardFolders(db_path);
  if (shards.empty()) shards.push_back(db_path);
  return shards;
}

std::vector<std::string> AllLiveDatabaseDirs(const std::string& db_path) {
  std::vector<std::string> dirs;
  for (const std::string& folder : IndexFolders(db_path))
    for (std::string& dir : LiveDatabaseDirs(folder)) dirs.push_back(std::move(dir));
  return dirs;
}

std::vector<std::string> LiveDatabaseDirs(const std::string& db_path) {
  std::vector<std::string> dirs;
  for (const std::string& name : ReadStubNames(db_path)) {
    const fs::path p(name);
    dirs.push_back((p.is_absolute() ? p : fs::path(db_path) / p).lexically_normal().string());
  }
  return dirs;
}

std::string NextDatabaseDir(const std::string& db_path) {
  int highest = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    int n = 0;
    if (std::sscanf(name.c_str(), "idx-%d", &n) == 1 && n > highest) highest = n;
  }
  return fmt::format("idx-{:06}", highest + 1);
}

void SwapLiveDatabases(const std::string& db_path, const std::vector<std::string>& dirs) {
  const fs::path stub = StubPath(db_path);
  const fs::path tmp = stub.string() + ".tmp";
  std::string content;
  for (const std::string& dir : dirs) content += "auto " + dir + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) throw Error(ErrorKind::kIo, tmp.string() + ": cannot write the index stub");
  const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), stub.c_str()) != 0)
    throw Error(ErrorKind::kIo, stub.string() + ": cannot replace the index stub");
  // The rename is durable only once the folder itself is synced.
  if (const int dir_fd = ::open(db_path.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

std::vector<std::string> LeftoverDatabaseDirs(const std::string& db_path) {
  const std::vector<std::string> live = LiveDatabaseDirs(db_path);
  std::vector<std::string> leftovers;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    if (!(name.starts_with("idx-") || name.starts_with(kSubDatabasePrefix)) ||
        !entry.is_directory(ec))
      continue;
    const std::string dir = entry.path().lexically_normal().string();
    if (std::find(live.begin(), live.end(), dir) == live.end()) leftovers.push_back(dir);
  }
  std::sort(leftovers.begin(), leftovers.end());
  return leftovers;
}

void RemoveDebris(const std::string& db_path) {
  for (const std::string& dir : LeftoverDatabaseDirs(db_path)) RemoveDatabaseDir(dir);
}

void RemoveDatabaseDir(const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec) throw Error(ErrorKind::kIo, dir + ": cannot remove: " + ec.message());
}

void SyncDatabaseDir(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY);
    const bool ok = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!ok) throw Error(ErrorKind::kIo, entry.path().string() + ": cannot sync to disk");
  }
  if (ec) throw Error(ErrorKind::kIo, dir + ": cannot list: " + ec.message());
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd < 0 || ::fsync(dir_fd) != 0) {
    if (dir_fd >= 0) ::close(dir_fd);
    throw Error(ErrorKind::kIo, dir + ": cannot sync to disk");
  }
  ::close(dir_fd);
}

std::uint64_t DirectoryBytes(const std::string& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  }
  return bytes;
}

}  // namespace gazette::internal
