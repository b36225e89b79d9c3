// tools/main.cc: `gazette`, global options, dispatch, and the only place that
// turns errors into messages and exit codes.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "gazette/problem.h"
#include "gazette/version.h"

namespace gazette::cli {
namespace {

int Main(int argc, char** argv) {
  CLI::App root{"gazette: full-text search for news articles, with entity facets"};
  root.name("gazette");
  root.set_version_flag("--version", std::string(Version()));
  root.require_subcommand(1);
  root.fallthrough();

  GlobalOptions global;
  global.db_path = DefaultDatabasePath();
  root.add_option("--db", global.db_path, "The index to use")
      ->default_str("$GAZETTE_DB, else ${XDG_DATA_HOME:-~/.local/share}/gazette/db");
  const std::map<std::string, ColorMode> colors = {
      {"auto", ColorMode::kAuto}, {"always", ColorMode::kAlways}, {"never", ColorMode::kNever}};
  root.add_option("--color", global.color, "Colour output: auto, always, never")
      ->transform(CLI::CheckedTransformer(colors, CLI::ignore_case));
  root.add_flag("-q,--quiet", global.quiet, "Print only results and errors");
  root.add_option("--gazetteer", global.gazetteer_files,
                  "Extra gazetteer file(s) merged over the built-in one");

  const std::vector<Command> commands = {
      AddIndexCommand(root),   AddSearchCommand(root), AddCountCommand(root),
      AddRebuildCommand(root), AddInspectCommand(root), AddExportCommand(root),
      AddImportCommand(root)};
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? kExitOk : kExitFatal;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run(global);
  }
  return kExitFatal;
}

}  // namespace
}  // namespace gazette::cli

int main(int argc, char** argv) {
  try {
    return gazette::cli::Main(argc, argv);
  } catch (const gazette::Error& e) {
    std::cerr << "gazette: " << e.what() << "\n";
    return gazette::cli::kExitFatal;
  } catch (const std::exception& e) {
    std::cerr << "gazette: internal error: " << e.what() << "\n";
    return gazette::cli::kExitFatal;
  }
}
