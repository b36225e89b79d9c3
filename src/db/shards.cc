// Reading stub files line by line as Xapian 1.4's open_stub() does (api/
// dbfactory.cc): '#' comments, "TYPE REST" where REST is the rest of the line,
// relative paths against the stub's folder, "remote :PROG ARGS" for a program
// and "remote HOST:PORT" for TCP.
#include "db/shards.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "gazette/problem.h"

namespace gazette::internal {
namespace fs = std::filesystem;
namespace {

// A stub naming itself, directly or not, must not loop.
constexpr int kMaxStubDepth = 8;

bool IsSingleFileDatabase(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[9] = {};
  return in.read(magic, sizeof magic) && std::memcmp(magic, "\x0f\x0dXapian ", sizeof magic) == 0;
}

// The stub file `path` stands for; nullopt when it is a database itself (or
// nothing at all: opening it will say so).
std::optional<fs::path> StubFile(const fs::path& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    if (IsSingleFileDatabase(path)) return std::nullopt;
    return path;
  }
  if (fs::is_directory(path, ec) && !fs::exists(path / "iamglass", ec) &&
      fs::exists(path / "XAPIANDB", ec))
    return path / "XAPIANDB";
  return std::nullopt;
}

std::vector<ShardSpec> ParseStub(const fs::path& stub, int depth);

bool ListsRemote(const fs::path& path, int depth) {
  if (depth > kMaxStubDepth) return false;
  const std::optional<fs::path> stub = StubFile(path);
  if (!stub) return false;
  for (const ShardSpec& shard : ParseStub(*stub, depth + 1))
    if (shard.remote) return true;
  return false;
}

// "HOST:PORT" or "[V6]:PORT"; false for anything Xapian could not connect to.
bool ParseTcp(const std::string& text, ShardSpec& shard) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || (text.front() == '[' && text.back() == ']'))
    return false;
  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
    return false;
  shard.port = static_cast<unsigned>(std::stoul(port));
  shard.host = text.substr(0, colon);
  if (shard.host.size() > 2 && shard.host.front() == '[' && shard.host.back() == ']')
    shard.host = shard.host.substr(1, shard.host.size() - 2);
  return shard.port > 0 && shard.port <= 65535;
}

std::vector<ShardSpec> ParseStub(const fs::path& stub, int depth) {
  std::ifstream in(stub);
  if (!in) throw Error(ErrorKind::kCorrupt, stub.string() + ": cannot read the stub file");
  std::vector<ShardSpec> shards;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    const std::string type = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    ShardSpec shard;
    if ((type == "auto" || type == "glass" || type == "honey") && !rest.empty()) {
      fs::path path(rest);
      if (path.is_relative()) path = stub.parent_path() / path;
      shard.path = shard.name = path.lexically_normal().string();
      shard.remote = ListsRemote(path, depth);
    } else if (type == "remote" && rest.size() > 1 && rest[0] == ':') {
      shard.kind = ShardSpec::Kind::kRemoteProgram;
      const std::size_t args = rest.find(' ');
      shard.program = rest.substr(1, args == std::string::npos ? std::string::npos : args - 1);
      if (args != std::string::npos) shard.args = rest.substr(args + 1);
      shard.name = "remote " + rest;
      shard.remote = true;
    } else if (type == "remote" && ParseTcp(rest, shard)) {
      shard.kind = ShardSpec::Kind::kRemoteTcp;
      shard.name = "remote " + rest;
      shard.remote = true;
    } else {
      // Like Xapian, not quoting the line: it may come from a file not meant
      // to be read as a stub.
      throw Error(ErrorKind::kCorrupt, stub.string() + ":" + std::to_string(line_no) +
                                           ": not a shard line (auto PATH, remote HOST:PORT, "
                                           "remote :PROGRAM ARGS)");
    }
    shards.push_back(std::move(shard));
  }
  return shards;
}

}  // namespace

std::vector<ShardSpec> ListShards(const std::string& path) {
  if (const std::optional<fs::path> stub = StubFile(path)) return ParseStub(*stub, 0);
  ShardSpec self;
  self.path = self.name = path;
  return {self};
}

Xapian::Database OpenShard(const ShardSpec& shard) {
  switch (shard.kind) {
    case ShardSpec::Kind::kRemoteTcp:
      return Xapian::Remote::open(shard.host, shard.port);
    case ShardSpec::Kind::kRemoteProgram:
      return Xapian::Remote::open(shard.program, shard.args);
    case ShardSpec::Kind::kLocal:
      break;
  }
  return Xapian::Database(shard.path);
}

std::string DescribeXapianError(const Xapian::Error& e) {
  std::string text = e.get_msg();
  if (const char* reason = e.get_error_string(); reason && *reason)
    text += std::string(" (") + reason + ")";
  return text;
}

}  // namespace gazette::internal
