// tools/main.cc: `gazette`, global options, dispatch, and the only place that
// turns errors into messages and exit codes.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <string_view>
#include <utility>
#include <vector>

#include "commands.h"
#include "gazette/problem.h"
#include "gazette/version.h"

namespace gazette::cli {
namespace {

using AddCommand = Command (*)(CLI::App&);
constexpr std::pair<std::string_view, AddCommand> kCommands[] = {
    {"index", AddIndexCommand},     {"search", AddSearchCommand},   {"count", AddCountCommand},
    {"rebuild", AddRebuildCommand}, {"inspect", AddInspectCommand}, {"export", AddExportCommand},
    {"import", AddImportCommand}};

// The first word of the command line that is neither a global option nor
// its value. Empty when there is none.
std::string_view NamedCommand(int argc, char** argv) {
  constexpr std::string_view kTakeValues[] = {"--db", "--color", "--gazetteer"};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!arg.starts_with('-')) return arg;
    if (std::find(std::begin(kTakeValues), std::end(kTakeValues), arg) != std::end(kTakeValues))
      ++i;
  }
  return {};
}

// Setting up every subcommand's options cost CLI11 ~0.7 M instructions, more
// than `quest` takes to start (callgrind, docs/performance.md "Whole
// process"), and a command line runs one: set up that one alone. Help, or a
// line that names none of them, sets them all up, to list or suggest them.
std::vector<Command> AddCommands(CLI::App& root, int argc, char** argv) {
  const std::string_view named = NamedCommand(argc, argv);
  const bool known = std::any_of(std::begin(kCommands), std::end(kCommands),
                                 [&](const auto& command) { return command.first == named; });
  std::vector<Command> commands;
  for (const auto& [name, add] : kCommands)
    if (!known || name == named) commands.push_back(add(root));
  return commands;
}

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

  const std::vector<Command> commands = AddCommands(root, argc, argv);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    // `gazette search -summit`: the query reads as an option. ripgrep and
    // notmuch users know the cure; say it on the one line.
    const std::string_view named = NamedCommand(argc, argv);
    std::string hint;
    if (named == "search" || named == "count")
      for (int i = 1; i < argc && hint.empty(); ++i)
        if (const std::string_view arg = argv[i];
            arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
            std::string_view(e.what()).find(arg) != std::string_view::npos)
          hint = fmt::format(" (a query that starts with '-' goes after --: gazette {} -- '{}')",
                             named, argv[i]);
    std::cerr << "gazette: " << e.what() << hint << "\n";
    return kExitFatal;
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
