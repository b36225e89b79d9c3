// Opening an index for reading, with errors a user can act on.
#include "gazette/database.h"

#include <filesystem>

#include "gazette/schema.h"

namespace gazette {
namespace {

int ParseSchemaVersion(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoi(text);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

Database Database::Open(const std::string& path, bool allow_old_schema) {
  if (!std::filesystem::exists(path)) {
    throw Error(ErrorKind::kNoDatabase,
                "no index at " + path +
                    " (create one with `gazette index PATH...`, or point --db / "
                    "$GAZETTE_DB at an existing one)");
  }
  Xapian::Database xdb;
  // A writer committing while we open can discard the revision being opened;
  // opening again reads the new one.
  for (int attempt = 0;; ++attempt) try {
    xdb = Xapian::Database(path);
    break;
  } catch (const Xapian::DatabaseModifiedError& e) {
    if (attempt >= 4) throw Error(ErrorKind::kCorrupt, path + ": cannot open the index: " + e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw Error(ErrorKind::kNoDatabase,
                path + " is not a gazette index (create one with `gazette index PATH...`)");
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kCorrupt, path + ": cannot open the index: " + e.get_msg());
  }
  Database db(path, std::move(xdb));
  const int version = db.schema_version();
  if (version > schema::kSchemaVersion) {
    throw Error(ErrorKind::kSchemaTooOld,
                path + " was written by a newer gazette (schema " + std::to_string(version) +
                    ", this one reads " + std::to_string(schema::kSchemaVersion) +
                    "): upgrade gazette");
  }
  if (version < schema::kSchemaVersion && !allow_old_schema &&
      db.xapian().get_doccount() > 0) {
    throw Error(ErrorKind::kSchemaTooOld,
                path + " uses index schema " + std::to_string(version) + ", this gazette needs " +
                    std::to_string(schema::kSchemaVersion) + ": run `gazette rebuild`");
  }
  return db;
}

int Database::schema_version() const {
  return ParseSchemaVersion(metadata(schema::kMetaSchemaVersion));
}

std::string Database::metadata(std::string_view key) const {
  try {
    return db_.get_metadata(std::string(key));
  } catch (const Xapian::Error& e) {
    ThrowFromXapian(e);
  }
}

void Database::ThrowFromXapian(const Xapian::Error& e) const {
  const std::string type = e.get_type();
  if (type == "DatabaseCorruptError" || type == "DatabaseError")
    throw Error(ErrorKind::kCorrupt, path_ + ": " + e.get_msg());
  throw Error(ErrorKind::kInternal, path_ + ": " + type + ": " + e.get_msg());
}

}  // namespace gazette
