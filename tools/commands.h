// What every subcommand file shares: the global options, the Command type and
// the AddXxxCommand() registrations that main.cc calls.
#ifndef GAZETTE_TOOLS_COMMANDS_H_
#define GAZETTE_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include <optional>

#include "gazette/database.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"

namespace gazette::cli {

// Exit codes, the same for every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRejected = 1;  // some inputs rejected / check failed
inline constexpr int kExitFatal = 2;     // usage error or fatal error

enum class ColorMode { kAuto, kAlways, kNever };

struct GlobalOptions {
  std::string db_path;  // --db, else $GAZETTE_DB, else the XDG data dir
  // Every --db given (search and count open them as one), else {db_path}.
  std::vector<std::string> db_paths;
  bool partial = false;  // --partial: skip shards that do not answer
  ColorMode color = ColorMode::kAuto;
  bool quiet = false;
  std::vector<std::string> gazetteer_files;  // --gazetteer

  // Colour on stdout: --color, else whether stdout is a terminal.
  bool ColorStdout() const;
};

// A registered subcommand and what runs it after parsing.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const GlobalOptions&)> run;
  // Takes several --db and --partial (search, count); the others write or
  // maintain one index and refuse them.
  bool reads_many = false;
};

// The default --db: $GAZETTE_DB, else ${XDG_DATA_HOME:-~/.local/share}/gazette/db.
std::string DefaultDatabasePath();

Command AddIndexCommand(CLI::App& root);
Command AddSearchCommand(CLI::App& root);
Command AddRebuildCommand(CLI::App& root);
Command AddInspectCommand(CLI::App& root);
Command AddExportCommand(CLI::App& root);
Command AddImportCommand(CLI::App& root);
Command AddCountCommand(CLI::App& root);

// Query arguments shared by search and count (tools/query_flags.cc).
// --leader --person --org --place --source (repeatable) --since --until.
void AddFilterFlags(CLI::App& app, Filters& filters);
// The gazetteer queries resolve against: the built-in one, shared, unless
// --gazetteer or the user's gazetteer.tsv asks for a merged copy (kept in
// `merged`).
const Gazetteer& QueryGazetteer(const GlobalOptions& global, std::optional<Gazetteer>& merged);
// Opens every --db as one index, with --partial (search and count).
Database OpenForQuery(const GlobalOptions& global);
// One "gazette: warning: ..." line on stderr per shard --partial left out.
void WarnSkippedShards(const Database& db);
// The positional query words joined back into one query string.
std::string JoinWords(const std::vector<std::string>& words);

}  // namespace gazette::cli

#endif  // GAZETTE_TOOLS_COMMANDS_H_
