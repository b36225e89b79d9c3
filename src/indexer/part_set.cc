#include "indexer/part_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <exception>
#include <filesystem>
#include <map>
#include <thread>

#include "db/layout.h"
#include "db/spelling.h"
#include "db/stem_table.h"
#include "gazette/document.h"
#include "gazette/problem.h"

namespace gazette::internal {

namespace fs = std::filesystem;

PartSet::PartSet(std::string db_path, std::size_t part_articles)
    : db_path_(std::move(db_path)), part_articles_(part_articles) {
  assert(part_articles_ > 0);
}

PartSet::~PartSet() {
  std::error_code ec;
  for (const std::unique_ptr<Part>& part : parts_) fs::remove_all(part->dir, ec);
  for (const std::string& dir : words_dirs_) fs::remove_all(dir, ec);
}

PartSet::Part& PartSet::Acquire() {
  std::lock_guard lock(mutex_);
  for (const std::unique_ptr<Part>& part : parts_) {
    if (!part->busy && part->articles < part_articles_) {
      part->busy = true;
      return *part;
    }
  }
  auto part = std::make_unique<Part>();
  part->number = parts_.size();
  part->dir =
      (fs::path(db_path_) / fmt::format("{}{:06}", kSubDatabasePrefix, part->number + 1)).string();
  part->busy = true;
  parts_.push_back(std::move(part));
  return *parts_.back();
}

void PartSet::Write(std::size_t batch, const std::vector<Article>& articles,
                    const std::vector<std::string>& content_hashes) {
  Part& part = Acquire();
  // A part that failed mid-batch stays busy, so nothing writes to it again;
  // the build fails anyway.
  const Xapian::docid first = WriteInto(part, articles, content_hashes);
  std::lock_guard lock(mutex_);
  batches_[batch] = Placement{part.number, first};
  part.busy = false;
}

Xapian::docid PartSet::WriteInto(Part& part, const std::vector<Article>& articles,
                                 const std::vector<std::string>& content_hashes) {
  try {
    // DB_NO_SYNC and DB_DANGEROUS (blocks rewritten in place, not copied at
    // each commit): until the stub names the merged result, a crash only
    // loses folders nobody reads, and nothing reads a part while it is
    // written; the merged database is synced before the swap. Rewritten in
    // place, the many commits of a growing part cost less (-7 % at 10k).
    // Opened for each batch rather than kept open between batches: with
    // many shards, every shard's open parts ran out of file descriptors (120
    // shards under `ulimit -n 1024`), and opening costs next to nothing.
    const int flags = part.articles == 0 ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS
                                         : Xapian::DB_OPEN;
    Xapian::WritableDatabase db(part.dir, flags | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
    DocumentBuilder builder;
    Xapian::docid first = 0;
    for (std::size_t i = 0; i < articles.size(); ++i) {
      const Xapian::Document document = builder.Build(articles[i], content_hashes[i]);
      const Xapian::docid docid = db.add_document(document);
      if (i == 0) first = docid;
      // Nothing is deleted from a part while it is written, so add_document
      // numbers on from the last id: Delete() relies on it.
      assert(docid == first + i);
    }
    db.commit();
    db.close();
    // From part_articles_ on, the part is full: Acquire() starts another.
    part.articles += articles.size();
    return first;
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kIo, part.dir + ": cannot write: " + e.get_type() + ": " + e.get_msg());
  }
}

void PartSet::Delete(const std::vector<Copy>& copies) {
  std::map<std::size_t, std::vector<Xapian::docid>> by_part;
  for (const Copy& copy : copies) {
    const Placement& placement = batches_.at(copy.batch);
    by_part[placement.part].push_back(placement.first + static_cast<Xapian::docid>(copy.index));
  }
  for (const auto& [number, docids] : by_part) {
    Xapian::WritableDatabase db(parts_[number]->dir, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (const Xapian::docid docid : docids) db.delete_document(docid);
    db.commit();
  }
}

void PartSet::AddWordsParts(unsigned threads) {
  threads = std::max(threads, 1u);
  for (unsigned i = 0; i < threads; ++i)
    words_dirs_.push_back(
        (fs::path(db_path_) / fmt::format("{}words-{}", kSubDatabasePrefix, i + 1)).string());
  std::vector<std::exception_ptr> failures(threads);
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.emplace_back([this, i, threads, &failures] {
      try {
        Xapian::Database all;  // each thread its own: Xapian objects are not shared
        for (const std::unique_ptr<Part>& part : parts_)
          all.add_database(Xapian::Database(part->dir));
        Xapian::WritableDatabase words(words_dirs_[i], Xapian::DB_CREATE_OR_OVERWRITE |
                                                           Xapian::DB_BACKEND_GLASS |
                                                           Xapian::DB_NO_SYNC);
        AddSpellingsOfWords(all, words, i, threads);
        AddStemsOfWords(all, words, i, threads);
        words.commit();
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

std::vector<std::string> PartSet::dirs() const {
  std::vector<std::string> out;
  for (const std::unique_ptr<Part>& part : parts_) out.push_back(part->dir);
  out.insert(out.end(), words_dirs_.begin(), words_dirs_.end());
  return out;
}

}  // namespace gazette::internal
