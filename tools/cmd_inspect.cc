// tools/cmd_inspect.cc: `gazette inspect [stats|doc|terms|entities|check]`,
// what an index holds and whether it is sound. Reads old-schema indexes too:
// looking is how a user finds out a rebuild is due.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "gazette/check.h"
#include "gazette/database.h"
#include "gazette/gazetteer.h"
#include "gazette/inspect.h"
#include "inspect_output.h"

namespace gazette::cli {
namespace {

struct InspectArgs {
  bool json = false;  // --format json
  std::size_t top = 5;
  std::string doc_id;
  bool by_docid = false;
  std::string prefix;
  std::size_t limit = 0;
  std::string kind;
  bool used_only = false;
  CLI::App* stats = nullptr;
  CLI::App* doc = nullptr;
  CLI::App* terms = nullptr;
  CLI::App* entities = nullptr;
  CLI::App* check = nullptr;
};

int RunStats(const GlobalOptions& global, const InspectArgs& args) {
  Database db = Database::Open(global.db_path, /*allow_old_schema=*/true);
  const Gazetteer gazetteer = Gazetteer::LoadWithUserFiles(global.gazetteer_files);
  const IndexStats stats = InspectStats(db, gazetteer, args.top);
  if (args.json) std::cout << DumpJson(StatsJson(stats)) << "\n";
  else WriteStatsText(stats, std::cout);
  return kExitOk;
}

int RunDoc(const GlobalOptions& global, const InspectArgs& args) {
  Database db = Database::Open(global.db_path, /*allow_old_schema=*/true);
  const std::optional<DocumentDetails> doc = InspectDocument(db, args.doc_id, args.by_docid);
  if (!doc) {
    throw Error(ErrorKind::kUsage,
                fmt::format("no article {} {} in {}", args.by_docid ? "with docid" : "with id",
                            args.doc_id, global.db_path));
  }
  if (args.json) std::cout << DumpJson(DocumentJson(*doc)) << "\n";
  else WriteDocumentText(*doc, std::cout);
  return kExitOk;
}

int RunTerms(const GlobalOptions& global, const InspectArgs& args) {
  Database db = Database::Open(global.db_path, /*allow_old_schema=*/true);
  std::size_t total = 0;
  const std::vector<TermCount> terms = InspectTerms(db, args.prefix, args.limit, &total);
  if (args.json) {
    nlohmann::ordered_json json;
    json["prefix"] = args.prefix;
    json["total"] = total;
    json["terms"] = nlohmann::ordered_json::array();
    for (const TermCount& t : terms) json["terms"].push_back({{"term", t.term}, {"articles", t.count}});
    std::cout << DumpJson(json) << "\n";
    return kExitOk;
  }
  for (const TermCount& t : terms) std::cout << fmt::format("{:>6}  {}\n", t.count, t.term);
  if (terms.size() < total && !global.quiet)
    std::cerr << fmt::format("gazette: showing {} of {} terms (see --limit)\n", terms.size(), total);
  return kExitOk;
}

int RunEntities(const GlobalOptions& global, const InspectArgs& args) {
  std::optional<EntityKind> kind;
  if (!args.kind.empty()) {
    kind = ParseKind(args.kind);
    if (!kind)
      throw Error(ErrorKind::kUsage, "unknown --kind " + args.kind + " (leader, person, org, place)");
  }
  Database db = Database::Open(global.db_path, /*allow_old_schema=*/true);
  const Gazetteer gazetteer = Gazetteer::LoadWithUserFiles(global.gazetteer_files);
  const std::vector<EntityRow> rows = InspectEntities(db, gazetteer, kind, args.used_only);
  if (args.json) std::cout << DumpJson(EntitiesJson(rows)) << "\n";
  else WriteEntitiesText(rows, std::cout);
  return kExitOk;
}

int RunCheck(const GlobalOptions& global, const InspectArgs& args) {
  const CheckReport report = CheckIndex(global.db_path);
  if (args.json) std::cout << DumpJson(CheckJson(report)) << "\n";
  else WriteCheckText(report, std::cout);
  return report.ok() ? kExitOk : kExitRejected;
}

int RunInspect(const GlobalOptions& global, const InspectArgs& args) {
  if (args.doc->parsed()) return RunDoc(global, args);
  if (args.terms->parsed()) return RunTerms(global, args);
  if (args.entities->parsed()) return RunEntities(global, args);
  if (args.check->parsed()) return RunCheck(global, args);
  return RunStats(global, args);
}

}  // namespace

Command AddInspectCommand(CLI::App& root) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* app = root.add_subcommand("inspect", "Show what the index holds; check that it is sound");
  app->require_subcommand(0, 1);
  app->fallthrough();
  app->add_option_function<std::string>(
         "--format",
         [args](const std::string& format) { args->json = format == "json"; },
         "Output: text, json")
      ->check(CLI::IsMember({"text", "json"}));

  args->stats = app->add_subcommand("stats", "Articles, dates, sources, size, schema (the default)");
  args->stats->add_option("--top", args->top, "Entries per top list")->capture_default_str();

  args->doc = app->add_subcommand("doc", "Every stored field, entity and term of one article");
  args->doc->add_option("id", args->doc_id, "The article id (see --docid)")->required();
  args->doc->add_flag("--docid", args->by_docid, "ID is a Xapian document number");

  args->terms = app->add_subcommand("terms", "Index terms with their article counts");
  args->terms->add_option("prefix", args->prefix,
                          "A term prefix (XLEADER, Q, S) or a field name (leader, id, title)");
  args->terms->add_option("--limit", args->limit, "Show at most N terms (0: all)")
      ->capture_default_str();

  args->entities = app->add_subcommand("entities", "Gazetteer entities with their article counts");
  args->entities->add_option("--kind", args->kind, "leader, person, org or place");
  args->entities->add_flag("--used", args->used_only, "Only entities some article mentions");

  args->check = app->add_subcommand("check", "Xapian's check plus gazette's; exit 1 when damaged");
  return {app, [args](const GlobalOptions& g) { return RunInspect(g, *args); }};
}

}  // namespace gazette::cli
