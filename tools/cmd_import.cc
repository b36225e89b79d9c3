// tools/cmd_import.cc: `gazette import FILE|-`, JSON Lines (an export or any
// JSONL gazette reads) indexed with `gazette index --format jsonl` semantics.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "gazette/export.h"
#include "gazette/gazetteer.h"

namespace gazette::cli {
namespace {

struct ImportArgs {
  std::string path;
  IndexOptions options;
};

void PrintProblem(const Problem& p) {
  std::cerr << "gazette: " << (p.rejected ? "" : "warning: ") << p.ToString() << "\n";
}

int RunImport(const GlobalOptions& global, const ImportArgs& args) {
  const Gazetteer gazetteer = Gazetteer::LoadWithUserFiles(global.gazetteer_files);
  IndexCallbacks callbacks;
  callbacks.on_problem = PrintProblem;
  const IndexReport report =
      ImportArticles(global.db_path, args.path, args.options, gazetteer, callbacks);
  if (!global.quiet) {
    std::cerr << fmt::format("imported {} new, {} updated, {} unchanged, {} rejected in {:.2f} s\n",
                             report.added, report.updated, report.unchanged, report.rejected,
                             report.elapsed_seconds);
  }
  return report.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

Command AddImportCommand(CLI::App& root) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* app = root.add_subcommand(
      "import", "Index JSON Lines (an export, or any JSONL gazette reads); - for stdin");
  app->add_option("file", args->path, "A .jsonl file, or - for stdin")->required();
  app->add_option("--wait", args->options.wait_seconds,
                  "Seconds to wait for another writer's lock")
      ->capture_default_str();
  return {app, [args](const GlobalOptions& g) { return RunImport(g, *args); }};
}

}  // namespace gazette::cli
