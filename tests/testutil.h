// Test helpers shared by the unit and end-to-end tests: temporary folders and
// running the real `gazette` binary.
#ifndef GAZETTE_TESTS_TESTUTIL_H_
#define GAZETTE_TESTS_TESTUTIL_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace gazette::testing {

// A fresh folder under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;  // the exit status, or 128 + signal
  std::string out;
  std::string err;
};

struct RunOptions {
  std::string stdin_text;
  // Extra environment, "NAME=value"; HOME and XDG_* point into a scratch
  // folder so a developer's own config never leaks into a test.
  std::vector<std::string> env;
};

// Runs the built gazette binary (GAZETTE_BINARY) with `args`.
RunResult RunGazette(const std::vector<std::string>& args, const RunOptions& options = {});

// What `gazette --db DB search --format ids QUERY` prints: an id a line.
std::string FoundIds(const std::string& db, const std::string& query);

// The source tree's tests/data/<name>.
std::string TestData(std::string_view name);

// Writes `content` to `path`, creating folders.
void WriteFile(const std::filesystem::path& path, std::string_view content);
std::string ReadFile(const std::filesystem::path& path);

// Lines of `text` without the trailing newline.
std::vector<std::string> Lines(std::string_view text);

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_TESTUTIL_H_
