// tools/cmd_index.cc: `gazette index PATH...`, adding new and changed articles.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "gazette/gazetteer.h"
#include "gazette/indexer.h"

namespace gazette::cli {
namespace {

struct IndexArgs {
  IndexOptions options;
};

int RunIndex(const GlobalOptions& global, const IndexArgs& args) {
  IndexCallbacks callbacks;
  callbacks.on_problem = [](const Problem& p) {
    std::cerr << "gazette: " << (p.rejected ? "" : "warning: ") << p.ToString() << "\n";
  };
  const Gazetteer gazetteer;
  const IndexReport report = IndexPaths(global.db_path, args.options, gazetteer, callbacks);
  if (!global.quiet) {
    std::cerr << fmt::format(
        "indexed {} new, {} updated, {} unchanged, {} skipped, {} rejected in {:.2f} s\n",
        report.added, report.updated, report.unchanged, report.skipped, report.rejected,
        report.elapsed_seconds);
  }
  return report.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

Command AddIndexCommand(CLI::App& root) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* app = root.add_subcommand("index", "Index articles from files, folders or - (stdin)");
  app->add_option("paths", args->options.paths, "Files, folders, or - for stdin")->required();
  return {app, [args](const GlobalOptions& g) { return RunIndex(g, *args); }};
}

}  // namespace gazette::cli
