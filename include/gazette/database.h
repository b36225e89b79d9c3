// Opening an index for reading. The only read-side owner of a Xapian database;
// turns Xapian's exceptions into gazette::Error with the path as context.
#ifndef GAZETTE_DATABASE_H_
#define GAZETTE_DATABASE_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>

#include "gazette/problem.h"

namespace gazette {

class Database {
 public:
  // Opens the index at `path` for reading. Throws Error{kNoDatabase} (with a
  // hint to run `gazette index`), Error{kSchemaTooOld} (unless
  // `allow_old_schema`: rebuild, inspect and export read old indexes),
  // Error{kCorrupt}.
  static Database Open(const std::string& path, bool allow_old_schema = false);

  const std::string& path() const { return path_; }
  Xapian::Database& xapian() { return db_; }
  const Xapian::Database& xapian() const { return db_; }
  int schema_version() const;
  std::string metadata(std::string_view key) const;

  // Runs f(Xapian::Database&). A writer committing twice during a read makes
  // Xapian throw DatabaseModifiedError: reopen and retry, a few times. Any
  // other Xapian::Error becomes gazette::Error naming `path`.
  template <class F>
  auto Read(F&& f) -> decltype(f(std::declval<Xapian::Database&>())) {
    for (int attempt = 0;; ++attempt) {
      try {
        return f(db_);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= 4) throw Error(ErrorKind::kInternal, path_ + ": index keeps changing under the reader");
        db_.reopen();
      } catch (const Xapian::Error& e) {
        ThrowFromXapian(e);
      }
    }
  }

  // Converts a Xapian error into gazette::Error naming this database.
  [[noreturn]] void ThrowFromXapian(const Xapian::Error& e) const;

 private:
  Database(std::string path, Xapian::Database db)
      : path_(std::move(path)), db_(std::move(db)) {}
  std::string path_;
  Xapian::Database db_;
};

}  // namespace gazette

#endif  // GAZETTE_DATABASE_H_
