#include "testutil.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace gazette::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  const fs::path base = fs::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = base / ("gazette-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void WriteFile(const fs::path& path, std::string_view content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string TestData(std::string_view name) {
  return std::string(GAZETTE_SOURCE_ROOT) + "/tests/data/" + std::string(name);
}

RunResult RunGazette(const std::vector<std::string>& args, const RunOptions& options) {
  TempDir scratch;
  const fs::path in_path = scratch.path() / "stdin";
  const fs::path out_path = scratch.path() / "stdout";
  const fs::path err_path = scratch.path() / "stderr";
  WriteFile(in_path, options.stdin_text);

  std::vector<std::string> env = {"HOME=" + scratch.path().string(),
                                  "XDG_CONFIG_HOME=" + (scratch.path() / "config").string(),
                                  "XDG_DATA_HOME=" + (scratch.path() / "data").string(),
                                  "PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"};
  for (const char* keep : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TMPDIR"})
    if (const char* v = std::getenv(keep)) env.push_back(std::string(keep) + "=" + v);
  env.insert(env.end(), options.env.begin(), options.env.end());

  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string binary = GAZETTE_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> args_copy = args;
    for (std::string& a : args_copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    execve(binary.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

std::string FoundIds(const std::string& db, const std::string& query) {
  return RunGazette({"--db", db, "search", "--format", "ids", query}).out;
}

}  // namespace gazette::testing
