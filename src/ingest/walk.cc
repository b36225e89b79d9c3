// Expanding the paths given to `gazette index` into the files to read.
#include <algorithm>
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
      list.files.push_back(InputFile{given, fs::path(given).filename().string(),
                                     static_cast<std::uint64_t>(fs::file_size(given, ec))});
      continue;
    }
    std::vector<InputFile> found;
    fs::recursive_directory_iterator it(given, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      list.problems.push_back(Problem{given, 0, ec.message(), true});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      if (IsHidden(entry.path())) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        ++list.skipped;
        continue;
      }
      if (!entry.is_regular_file(ec)) continue;
      const std::string rel = fs::relative(entry.path(), given, ec).generic_string();
      found.push_back(InputFile{entry.path().string(), rel, entry.file_size(ec)});
    }
    std::sort(found.begin(), found.end(),
              [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    list.files.insert(list.files.end(), found.begin(), found.end());
  }
  return list;
}

}  // namespace gazette
