// CheckIndex(): Xapian's structural check, then ours. Ours rebuilds each
// document from its stored data with the current DocumentBuilder and compares
// terms and values: whatever disagrees would be fixed by `gazette rebuild`,
// unless the data itself is damaged.
#include "gazette/check.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "db/layout.h"
#include "gazette/database.h"
#include "gazette/document.h"
#include "gazette/schema.h"

namespace gazette {
namespace {

constexpr std::size_t kShownTerms = 3;

std::string Name(const std::string& dir) { return std::filesystem::path(dir).filename().string(); }

// The first line Xapian's check wrote, for a one-line finding.
std::string FirstLine(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "see `xapian-check`" : line;
}

std::string ShowTerms(const std::vector<std::string>& terms) {
  std::string shown;
  for (std::size_t i = 0; i < terms.size() && i < kShownTerms; ++i)
    shown += (i ? ", " : "") + terms[i];
  if (terms.size() > kShownTerms)
    shown += " and " + std::to_string(terms.size() - kShownTerms) + " more";
  return shown;
}

class Checker {
 public:
  Checker(CheckReport& report, std::size_t max_problems)
      : report_(report), max_problems_(max_problems) {}

  void Problem(std::string where, std::string reason) {
    if (report_.problems.size() < max_problems_)
      report_.problems.push_back(CheckFinding{std::move(where), std::move(reason)});
    else
      ++report_.problems_not_listed;
  }

  void CheckXapian(const std::string& dir) {
    std::ostringstream out;
    try {
      const std::size_t errors = Xapian::Database::check(dir, 0, &out);
      report_.xapian_errors += errors;
      if (errors > 0)
        Problem(Name(dir), std::to_string(errors) + " Xapian error(s): " + FirstLine(out.str()));
    } catch (const Xapian::Error& e) {
      ++report_.xapian_errors;
      Problem(Name(dir), std::string(e.get_type()) + ": " + e.get_msg());
    }
  }

  void CheckDocument(const Xapian::Document& doc) {
    ++report_.documents;
    std::string where = "document " + std::to_string(doc.get_docid());
    std::vector<std::string> id_terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if (TermStartsId(*t)) id_terms.push_back(*t);
    }
    Article article;
    try {
      article = ArticleFromDocument(doc);
    } catch (const Error& e) {
      if (id_terms.empty()) Problem(where, "has no id term");
      Problem(where, std::string("data does not parse: ") + e.what());
      return;
    }
    where += " (id " + article.id + ")";
    const std::string want_id = schema::IdTerm(article.id);
    if (std::find(id_terms.begin(), id_terms.end(), want_id) == id_terms.end())
      Problem(where, "has no id term " + want_id);
    const Xapian::Document expected =
        builder_.Build(article, doc.get_value(schema::kSlotContentHash));
    CompareTerms(where, doc, expected);
    CompareValues(where, doc, expected);
  }

 private:
  static bool TermStartsId(const std::string& term) {
    return term.starts_with(schema::kPrefixId);
  }

  void CompareTerms(const std::string& where, const Xapian::Document& doc,
                    const Xapian::Document& expected) {
    const std::set<std::string> have(doc.termlist_begin(), doc.termlist_end());
    const std::set<std::string> want(expected.termlist_begin(), expected.termlist_end());
    std::vector<std::string> missing, unexpected;
    std::set_difference(want.begin(), want.end(), have.begin(), have.end(),
                        std::back_inserter(missing));
    std::set_difference(have.begin(), have.end(), want.begin(), want.end(),
                        std::back_inserter(unexpected));
    if (!missing.empty())
      Problem(where, "terms missing that its data gives: " + ShowTerms(missing));
    if (!unexpected.empty())
      Problem(where, "terms its data does not give: " + ShowTerms(unexpected));
  }

  void CompareValues(const std::string& where, const Xapian::Document& doc,
                     const Xapian::Document& expected) {
    std::map<unsigned, std::string> have, want;
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) have[v.get_valueno()] = *v;
    for (auto v = expected.values_begin(); v != expected.values_end(); ++v)
      want[v.get_valueno()] = *v;
    for (const auto& [slot, value] : want) {
      auto it = have.find(slot);
      if (it == have.end())
        Problem(where, "value slot " + std::to_string(slot) + " missing; its data gives \"" +
                           value + "\"");
      else if (it->second != value)
        Problem(where, "value slot " + std::to_string(slot) + " is \"" + it->second +
                           "\"; its data gives \"" + value + "\"");
    }
    for (const auto& [slot, value] : have) {
      if (!want.count(slot))
        Problem(where, "value slot " + std::to_string(slot) + " is \"" + value +
                           "\"; its data gives none");
    }
  }

  CheckReport& report_;
  std::size_t max_problems_;
  DocumentBuilder builder_;
};

}  // namespace

CheckReport CheckIndex(const std::string& db_path, std::size_t max_problems) {
  Database db = Database::Open(db_path, /*allow_old_schema=*/true);
  CheckReport report;
  Checker checker(report, max_problems);
  report.live_dirs = internal::AllLiveDatabaseDirs(db_path);
  for (const std::string& dir : report.live_dirs.empty() ? std::vector{db_path} : report.live_dirs)
    checker.CheckXapian(dir);
  for (const std::string& folder : internal::IndexFolders(db_path))
    for (const std::string& dir : internal::LeftoverDatabaseDirs(folder))
      report.notes.push_back(CheckFinding{Name(dir), "left by an interrupted run; the next "
                                                     "`gazette index` or `rebuild` removes it"});
  if (db.schema_version() != schema::kSchemaVersion)
    report.notes.push_back(CheckFinding{
        "schema", "index schema " + std::to_string(db.schema_version()) + ", this gazette writes " +
                      std::to_string(schema::kSchemaVersion) + ": run `gazette rebuild`"});
  const CheckReport before_documents = report;
  db.Read([&](Xapian::Database& x) {
    report = before_documents;  // a retry after a writer's commits starts over
    for (auto p = x.postlist_begin(""); p != x.postlist_end(""); ++p)
      checker.CheckDocument(x.get_document(*p));
    const std::string q(schema::kPrefixId);
    for (auto t = x.allterms_begin(q); t != x.allterms_end(q); ++t) {
      if (t.get_termfreq() > 1)
        checker.Problem("id term " + *t,
                        "carried by " + std::to_string(t.get_termfreq()) + " documents");
    }
    return 0;
  });
  return report;
}

}  // namespace gazette
