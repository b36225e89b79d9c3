// tools/cmd_export.cc: `gazette export [QUERY]`, the articles as JSON Lines on
// stdout; `gazette import` reads them back. See docs/maintenance.md.
#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <iostream>

#include "commands.h"
#include "gazette/database.h"
#include "gazette/export.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"

namespace gazette::cli {
namespace {

struct ExportArgs {
  std::vector<std::string> words;
};

void PrintProblem(const Problem& p) { std::cerr << "gazette: " << p.ToString() << "\n"; }

int RunExport(const GlobalOptions& global, const ExportArgs& args) {
  Database db = Database::Open(global.db_path, /*allow_old_schema=*/true);
  std::string text;
  for (const std::string& w : args.words) text += (text.empty() ? "" : " ") + w;
  Xapian::Query query = Xapian::Query::MatchAll;
  if (!text.empty()) {
    const Gazetteer gazetteer = Gazetteer::LoadWithUserFiles(global.gazetteer_files);
    query = BuildQuery(db, gazetteer, text, Filters{}, std::time(nullptr), Suggest::kNo).query;
  }
  // stdio rather than iostream: one fwrite per line, no flush.
  const ExportReport report = ExportArticles(
      db, query,
      [](std::string_view line) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
      },
      PrintProblem);
  if (std::fflush(stdout) != 0) throw Error(ErrorKind::kIo, "cannot write the export");
  if (!global.quiet)
    std::cerr << fmt::format("exported {} articles\n", report.exported);
  return report.unreadable > 0 ? kExitRejected : kExitOk;
}

}  // namespace

Command AddExportCommand(CLI::App& root) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* app = root.add_subcommand(
      "export", "Write the articles (or those matching QUERY) as JSON Lines, ordered by id");
  app->add_option("query", args->words, "Restrict to articles matching this query");
  return {app, [args](const GlobalOptions& g) { return RunExport(g, *args); }};
}

}  // namespace gazette::cli
