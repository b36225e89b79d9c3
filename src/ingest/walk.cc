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
      if (!IsSupportedType(entry.path())) {
        ++list.skipped;
        continue;
      }
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
