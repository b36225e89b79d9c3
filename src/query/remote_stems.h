// Stemmed words on remote shards. Xapian 1.4's remote backend serves no
// synonym table (synonyms_begin on a remote shard yields nothing), so the
// stem keys QueryParser looks up (src/db/stem_table.h) find only the local
// shards' words. For an index with a remote shard, the words of each stem a
// query asks for are found among all shards' terms by prefix, written to a
// temporary synonym table, and the query parsed again with it.
#ifndef GAZETTE_SRC_QUERY_REMOTE_STEMS_H_
#define GAZETTE_SRC_QUERY_REMOTE_STEMS_H_

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>

namespace gazette::internal {

class RemoteStems {
 public:
  // The words of `db` (local and remote shards) for each stem key of `query`
  // under `stem`: the words that start as the stem does, less its last
  // letter, and have that stem. English stems end a word's first letters
  // but for a few irregular words ("dying" -> "die"), which a remote shard
  // then matches only as written. Nothing when no key has such a word.
  static std::optional<RemoteStems> Find(const Xapian::Query& query, const Xapian::Database& db,
                                         const Xapian::Stem& stem);

  // `db` with the temporary table: for QueryParser::set_database only.
  const Xapian::Database& database() const { return with_stems_; }

 private:
  struct Folder;
  RemoteStems(std::shared_ptr<Folder> folder, Xapian::Database with_stems)
      : folder_(std::move(folder)), with_stems_(std::move(with_stems)) {}

  std::shared_ptr<Folder> folder_;  // removed with the last copy
  Xapian::Database with_stems_;
};

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_QUERY_REMOTE_STEMS_H_
