// IndexPaths(): walk, read, skip unchanged, write in committed batches.
#include "gazette/indexer.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>

#include <xapian.h>

#include "gazette/article_json.h"
#include "gazette/document.h"
#include "gazette/ingest.h"
#include "gazette/schema.h"
#include "db/layout.h"
#include "hash.h"

namespace gazette {
namespace {

using Clock = std::chrono::steady_clock;

Xapian::WritableDatabase OpenWriter(const std::string& path, double wait_seconds) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(wait_seconds);
  internal::EnsureIndexLayout(path);
  for (;;) {
    try {
      return Xapian::WritableDatabase(path, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      if (Clock::now() >= deadline)
        throw Error(ErrorKind::kLocked,
                    path + " is locked by another gazette writer (waited " +
                        std::to_string(static_cast<int>(wait_seconds)) + " s; see --wait)");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::kIo, path + ": cannot open the index for writing: " + e.get_msg());
    }
  }
}

bool ReadFile(const InputFile& input, std::string& content, std::string& error) {
  if (input.path == "-") {
    content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(input.path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  content = buffer.str();
  return true;
}

// The hash stored per article: of the input's fields, before extraction, so
// that an unchanged article is skipped without extracting it again.
std::string ContentHash(const Article& article) {
  return internal::HexHash(ArticleToJson(article).dump());
}

}  // namespace

IndexReport IndexPaths(const std::string& db_path, const IndexOptions& options,
                       const Gazetteer& /*gazetteer*/, const IndexCallbacks& callbacks) {
  const auto start = Clock::now();
  IndexReport report;
  auto problem = [&](const Problem& p) {
    if (p.rejected) ++report.rejected; else ++report.warnings;
    if (callbacks.on_problem) callbacks.on_problem(p);
  };

  InputList inputs = ListInputs(options.paths);
  report.skipped = inputs.skipped;
  for (const Problem& p : inputs.problems) problem(p);

  Xapian::WritableDatabase db = OpenWriter(db_path, options.wait_seconds);
  try {
    db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
    DocumentBuilder builder;
    std::size_t in_batch = 0;
    for (const InputFile& input : inputs.files) {
      std::string content, error;
      if (!ReadFile(input, content, error)) {
        problem(Problem{input.path, 0, error, true});
        continue;
      }
      report.bytes += content.size();
      if (LooksBinary(content)) {
        ++report.skipped;
        continue;
      }
      ReadResult read = ReadArticles(content, input.path, input.id_hint, options.read);
      for (const Problem& p : read.problems) problem(p);
      for (Article& article : read.articles) {
        const std::string hash = ContentHash(article);
        const std::string id_term = schema::IdTerm(article.id);
        Xapian::PostingIterator existing = db.postlist_begin(id_term);
        const bool exists = existing != db.postlist_end(id_term);
        if (exists && db.get_document(*existing).get_value(schema::kSlotContentHash) == hash) {
          ++report.unchanged;
          continue;
        }
        db.replace_document(id_term, builder.Build(article, hash, &db));
        ++(exists ? report.updated : report.added);
        if (++in_batch >= options.batch_articles) {
          db.commit();
          in_batch = 0;
        }
      }
    }
    db.commit();
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, db_path + ": " + e.get_msg());
  }
  report.elapsed_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace gazette
