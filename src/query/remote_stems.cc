#include "query/remote_stems.h"

#include <stdlib.h>

#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "gazette/problem.h"
#include "gazette/schema.h"

namespace fs = std::filesystem;

namespace gazette::internal {

struct RemoteStems::Folder {
  explicit Folder(std::string dir) : path(std::move(dir)) {}
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string path;
};

namespace {

// Words whose term starts with `field` and whose stem is `stemmed`.
std::set<std::string> WordsOfStem(const Xapian::Database& db, const std::string& field,
                                  const std::string& stemmed, const Xapian::Stem& stem) {
  // A short stem is mostly the word itself or its start ("run", "running").
  const std::string start = field + (stemmed.size() >= 4 ? stemmed.substr(0, stemmed.size() - 1)
                                                         : stemmed);
  std::set<std::string> words;
  for (auto term = db.allterms_begin(start); term != db.allterms_end(start); ++term) {
    const std::string word = (*term).substr(field.size());
    if (!schema::IsUnprefixedWord(word)) continue;
    if (stem(word) == stemmed) words.insert(*term);
  }
  return words;
}

}  // namespace

std::optional<RemoteStems> RemoteStems::Find(const Xapian::Query& query,
                                             const Xapian::Database& db,
                                             const Xapian::Stem& stem) {
  std::map<std::string, std::set<std::string>> keys;
  const std::string title(schema::kPrefixTitle);
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& key = *it;
    if (key.size() < 2 || key[0] != 'Z') continue;
    const std::string field = key.compare(1, title.size(), title) == 0 ? title : "";
    std::set<std::string> words = WordsOfStem(db, field, key.substr(1 + field.size()), stem);
    if (!words.empty()) keys[key] = std::move(words);
  }
  if (keys.empty()) return std::nullopt;

  std::string pattern = (fs::temp_directory_path() / "gazette-stems-XXXXXX").string();
  if (!::mkdtemp(pattern.data()))
    throw Error(ErrorKind::kIo, pattern + ": cannot make a temporary folder: " +
                                    std::generic_category().message(errno));
  auto folder = std::make_shared<Folder>(pattern);
  const std::string table = (fs::path(folder->path) / "stems").string();
  {
    Xapian::WritableDatabase out(table, Xapian::DB_CREATE | Xapian::DB_NO_SYNC |
                                            Xapian::DB_BACKEND_GLASS);
    for (const auto& [key, words] : keys)
      for (const std::string& word : words) out.add_synonym(key, word);
    out.commit();
  }
  Xapian::Database with_stems = db;
  with_stems.add_database(Xapian::Database(table));
  return RemoteStems(std::move(folder), std::move(with_stems));
}

}  // namespace gazette::internal
