// Expanding the paths given to `gazette index` into the files to read. In a
// folder, only the extensions the readers know (and files without one) are
// read: folders of articles often hold a README, a manifest or images too. A
// file named on the command line is always read.
#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "gazette/ingest.h"

namespace gazette {
namespace fs = std::filesystem;
namespace {

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool IsSupportedType(const fs::path& p) {
  static constexpr std::array<std::string_view, 7> kExtensions = {"txt",  "text", "jsonl", "ndjson",
                                                                  "html", "htm",  "xhtml"};
  std::string ext = p.extension().string();
  if (ext.empty()) return true;
  ext.erase(0, 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

}  // namespace

InputList ListInputs(const std::vector<std::string>& paths) {
  InputList list;
  for (const std::string& given : paths) {
    if (given == "-") {
      list.files.push_back(InputFile{"-", "", 0});
      continue;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(given, ec);
    if (ec || !fs::exists(status)) {
      list.problems.push_back(Problem{given, 0, "no such file or directory", true});
      continue;
    }
    if (!fs::is_directory(status)) {
      // A pipe or `<(command)` has no size: read it to the end like stdin.
      const std::uint64_t size =
          fs::is_regular_file(status) ? static_cast<std::uint64_t>(fs::file_size(given, ec)) : 0;
      list.files.push_back(InputFile{given, fs::path(given).filename().string(), ec ? 0 : size});
      continue;
    }
    std::vector<InputFile> found;
    fs::recursive_directory_iterator it(given, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      list.problems.push_back(Problem{given, 0, ec.message(), true});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        // The iterator cannot go on past an error; say so rather than index
        // part of the folder in silence.
        list.problems.push_back(Problem{given, 0, "cannot list the whole folder: " + ec.message(), true});
        break;
      }
      const fs::directory_entry& entry = *it;
      if (IsHidden(entry.path())) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        ++list.skipped;
        continue;
      }
      if (!entry.is_regular_file(ec)) {
        if (ec) {  // a dangling symlink or a symlink loop
          list.problems.push_back(Problem{entry.path().string(), 0, ec.message(), true});
          ec.clear();
        } else if (!entry.is_directory(ec)) {
          ++list.skipped;  // a pipe, socket or device
        }
        continue;
      }
      if (!IsSupportedType(entry.path())) {
        ++list.skipped;
        continue;
      }
      // The iterator builds each path from `given`, so the id comes from the
      // path as listed: a symlinked file is named by its link, not its target
      // (fs::relative would resolve both, with a dozen system calls a file).
      const std::string rel = entry.path().lexically_relative(given).generic_string();
      found.push_back(InputFile{entry.path().string(), rel, entry.file_size(ec)});
    }
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    list.files.insert(list.files.end(), found.begin(), found.end());
  }
  return list;
}

}  // namespace gazette
