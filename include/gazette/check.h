// `gazette inspect check`: Xapian's own consistency check of each live
// database folder, then gazette's: every document has its id term, its data
// parses, and its terms and values are those its data gives.
#ifndef GAZETTE_CHECK_H_
#define GAZETTE_CHECK_H_

#include <cstddef>
#include <string>
#include <vector>

namespace gazette {

struct CheckFinding {
  std::string where;   // "idx-000001" or "document 12 (id a.txt)"
  std::string reason;  // one line
};

struct CheckReport {
  std::vector<std::string> live_dirs;
  std::size_t documents = 0;  // documents checked
  std::size_t xapian_errors = 0;  // as counted by Xapian::Database::check
  std::vector<CheckFinding> problems;  // the index is damaged: exit 1
  std::size_t problems_not_listed = 0;  // past max_problems
  std::vector<CheckFinding> notes;     // sound, but worth acting on
                                       // (old schema, leftover folders)
  bool ok() const { return problems.empty() && problems_not_listed == 0; }
};

// Checks the index at `db_path`, which may have an old schema. At most
// `max_problems` problems are listed (all are counted in documents/xapian
// errors). Throws Error{kNoDatabase} when there is no index.
CheckReport CheckIndex(const std::string& db_path, std::size_t max_problems = 100);

}  // namespace gazette

#endif  // GAZETTE_CHECK_H_
