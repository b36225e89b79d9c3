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
  root.add_option("--db", global.db_paths,
                  "The index to use; search and count take several, and stub files listing "
                  "local and remote shards (docs/scaling.md)")
      ->default_str("$GAZETTE_DB, else ${XDG_DATA_HOME:-~/.local/share}/gazette/db")
      ->allow_extra_args(false);
  root.add_flag("--partial", global.partial,
                "search, count: skip shards that do not answer, with a warning naming each "
                "(default: such a shard fails the command)");
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
  if (global.db_paths.empty()) global.db_paths = {global.db_path};
  global.db_path = global.db_paths.front();
  for (const Command& command : commands) {
    if (!command.app->parsed()) continue;
    const std::string name = command.app->get_name();
    if (!command.reads_many && global.db_paths.size() > 1)
      throw Error(ErrorKind::kUsage, "`gazette " + name + "` works on one index: give --db once");
    if (!command.reads_many && global.partial)
      throw Error(ErrorKind::kUsage, "--partial applies to search and count, not " + name);
    return command.run(global);
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
