// The query flags search and count share, so that `count Q` and `search Q`
// always agree on what Q means, and the way both open their indexes.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "commands.h"

namespace gazette::cli {

void AddFilterFlags(CLI::App& app, Filters& filters) {
  app.add_option("--leader", filters.leaders, "Only articles naming this leader (repeatable: any of them)")
      ->type_name("NAME")->allow_extra_args(false);
  app.add_option("--person", filters.people, "Only articles naming this person, leaders included")
      ->type_name("NAME")->allow_extra_args(false);
  app.add_option("--org", filters.orgs, "Only articles naming this organization")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--place", filters.places, "Only articles naming this place")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--source", filters.sources, "Only articles from this outlet")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--since", filters.since, "Published on or after: 2019, 2019-06, 2019-06-14, 30d, yesterday")
      ->type_name("DATE");
  app.add_option("--until", filters.until, "Published on or before (the whole day, month or year)")
      ->type_name("DATE");
}

const Gazetteer& QueryGazetteer(const GlobalOptions& global, std::optional<Gazetteer>& merged) {
  // LoadWithUserFiles() copies the built-in gazetteer to merge into it, which
  // costs about as much as parsing it; most runs have nothing to merge.
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string config_dir = config && *config ? config : std::string(home ? home : ".") + "/.config";
  if (global.gazetteer_files.empty() && !std::filesystem::exists(config_dir + "/gazette/gazetteer.tsv"))
    return Gazetteer::Builtin();
  merged = Gazetteer::LoadWithUserFiles(global.gazetteer_files);
  return *merged;
}

Database OpenForQuery(const GlobalOptions& global) {
  return Database::Open(global.db_paths, OpenOptions{.partial = global.partial});
}

void WarnSkippedShards(const Database& db) {
  // Printed even with --quiet: without it, partial counts would pass for whole ones.
  for (const SkippedShard& s : db.skipped())
    std::cerr << "gazette: warning: shard " << s.shard << " skipped (" << s.reason
              << "): results are from the other shards\n";
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& w : words) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  return joined;
}

}  // namespace gazette::cli
