// How gazette reports trouble: a Problem is one bad input (a value, counted and
// reported while the batch goes on); an Error is fatal to the command.
#ifndef GAZETTE_PROBLEM_H_
#define GAZETTE_PROBLEM_H_

#include <stdexcept>
#include <string>

namespace gazette {

// One input that could not be used as given.
struct Problem {
  std::string path;  // the file, "-" for stdin
  int line = 0;      // 1-based line for line-oriented input (JSONL); 0: none
  std::string reason;
  // true: the input (file or line) was not indexed, and the exit code says so.
  // false: a warning; the article was indexed anyway (e.g. without a date).
  bool rejected = true;

  // "path:line: reason" or "path: reason". The one place this format lives.
  std::string ToString() const;
};

enum class ErrorKind {
  kUsage,         // bad flags or arguments
  kNoDatabase,    // the database does not exist
  kLocked,        // another writer holds the lock
  kSchemaTooOld,  // built by an older gazette: run `gazette rebuild`
  kCorrupt,       // the database cannot be read
  kIo,            // a file could not be read or written
  kBadQuery,      // the query does not parse, or names an unknown entity
  kInternal,      // a broken invariant or an unexpected Xapian error
};

// A fatal condition with a one-line, user-facing message. tools/main.cc prints
// "gazette: <what()>" and exits 2.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace gazette

#endif  // GAZETTE_PROBLEM_H_
