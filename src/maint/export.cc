// Export in id-term order (independent of docids, so an imported copy exports
// the same bytes) and import through the indexer, so that import and
// `gazette index --format jsonl` can never disagree.
#include "gazette/export.h"

#include <vector>

#include "gazette/article_json.h"
#include "gazette/document.h"
#include "gazette/schema.h"

namespace gazette {
namespace {

// Which docids match, as a bitmap over 1..lastdocid.
std::vector<bool> MatchingDocids(Xapian::Database& db, const Xapian::Query& query) {
  std::vector<bool> matches(db.get_lastdocid() + 1, false);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto m = mset.begin(); m != mset.end(); ++m) matches[*m] = true;
  return matches;
}

class Exporter {
 public:
  Exporter(Xapian::Database& db, const std::function<void(std::string_view)>& emit,
           const std::function<void(const Problem&)>& on_problem)
      : db_(db), emit_(emit), on_problem_(on_problem) {}

  ExportReport Run(const Xapian::Query& query) {
    std::vector<bool> pending = MatchingDocids(db_, query);
    const std::string q(schema::kPrefixId);
    for (auto t = db_.allterms_begin(q); t != db_.allterms_end(q); ++t) {
      for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t); ++p) {
        if (*p < pending.size() && pending[*p]) Emit(*p);
        if (*p < pending.size()) pending[*p] = false;
      }
    }
    for (Xapian::docid did = 1; did < pending.size(); ++did) {
      if (pending[did]) Emit(did);
    }
    return report_;
  }

 private:
  void Emit(Xapian::docid did) {
    const Xapian::Document doc = db_.get_document(did);
    Article article;
    try {
      article = ArticleFromDocument(doc);
    } catch (const Error& e) {
      ++report_.unreadable;
      if (on_problem_)
        on_problem_(Problem{"document " + std::to_string(did), 0, e.what(), true});
      return;
    }
    // Re-serialised rather than copied from the data, so an index written by
    // an older gazette exports in today's format.
    emit_(ArticleToJson(article).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    ++report_.exported;
  }

  Xapian::Database& db_;
  const std::function<void(std::string_view)>& emit_;
  const std::function<void(const Problem&)>& on_problem_;
  ExportReport report_;
};

}  // namespace

ExportReport ExportArticles(Database& db, const Xapian::Query& query,
                            const std::function<void(std::string_view)>& emit,
                            const std::function<void(const Problem&)>& on_problem) {
  // Lines already written cannot be taken back, so unlike Database::Read this
  // does not retry: a writer committing twice meanwhile ends the export.
  try {
    return Exporter(db.xapian(), emit, on_problem).Run(query);
  } catch (const Xapian::DatabaseModifiedError&) {
    throw Error(ErrorKind::kIo, db.path() +
                                    ": the index changed during the export (a writer committed); "
                                    "run the export again");
  } catch (const Xapian::Error& e) {
    db.ThrowFromXapian(e);
  }
}

IndexReport ImportArticles(const std::string& db_path, const std::string& path,
                           IndexOptions options, const Gazetteer& gazetteer,
                           const IndexCallbacks& callbacks) {
  options.paths = {path};
  options.read.format = Format::kJsonl;
  return IndexPaths(db_path, options, gazetteer, callbacks);
}

}  // namespace gazette
