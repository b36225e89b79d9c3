#include "db/layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
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

std::vector<std::string> ReadStubNames(const std::string& db_path) {
  std::vector<std::string> names;
  std::ifstream in(StubPath(db_path));
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
    Xapian::WritableDatabase(db_path + "/" + first, Xapian::DB_CREATE_OR_OPEN).commit();
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kIo, db_path + ": cannot create the index: " + e.what());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, db_path + ": cannot create the index: " + e.get_msg());
  }
  SwapLiveDatabases(db_path, {first});
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

}  // namespace gazette::internal
