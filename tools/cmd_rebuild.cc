// tools/cmd_rebuild.cc: `gazette rebuild`, re-deriving every article from
// the index's own copy with the current gazetteer and schema, then swapping
// the new database in. The logic is in src/maint/rebuild.cc.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "commands.h"
#include "gazette/gazetteer.h"
#include "gazette/rebuild.h"
#include "inspect_output.h"

namespace gazette::cli {
namespace {

struct RebuildArgs {
  RebuildOptions options;
  bool json = false;
  bool compact = false;  // accepted for scripts written before it was always so
};

void WriteDryRunText(const RebuildReport& r, std::ostream& out) {
  out << fmt::format("would rebuild {} articles: schema {} -> {}, gazetteer {} -> {}\n",
                     r.articles, r.old_schema, r.new_schema,
                     r.old_gazetteer.empty() ? "unknown" : r.old_gazetteer, r.new_gazetteer);
  out << fmt::format("{} articles would change entities\n", r.changed);
  for (const ArticleChange& c : r.changes) {
    out << fmt::format("  {}  {}\n", c.id, c.title);
    for (const std::string& e : c.added) out << fmt::format("    + {}\n", e);
    for (const std::string& e : c.removed) out << fmt::format("    - {}\n", e);
  }
  if (r.changes.size() < r.changed) out << fmt::format("  ... and {} more\n", r.changed - r.changes.size());
  out << "facets (articles before -> after)\n";
  for (const FacetShift& f : r.facets) {
    out << fmt::format("  {:<6}  {:>5} -> {:<5}  {}{}\n", f.kind, f.before, f.after, f.name,
                       f.before == f.after ? "" : "  *");
  }
}

nlohmann::ordered_json ReportJson(const RebuildReport& r) {
  nlohmann::ordered_json json;
  json["dry_run"] = r.dry_run;
  json["articles"] = r.articles;
  json["changed"] = r.changed;
  json["dropped"] = r.dropped;
  json["old_schema"] = r.old_schema;
  json["new_schema"] = r.new_schema;
  json["old_gazetteer"] = r.old_gazetteer;
  json["new_gazetteer"] = r.new_gazetteer;
  json["changes"] = nlohmann::ordered_json::array();
  for (const ArticleChange& c : r.changes)
    json["changes"].push_back(
        {{"id", c.id}, {"title", c.title}, {"added", c.added}, {"removed", c.removed}});
  json["facets"] = nlohmann::ordered_json::array();
  for (const FacetShift& f : r.facets)
    json["facets"].push_back({{"kind", f.kind}, {"id", f.id}, {"name", f.name},
                              {"before", f.before}, {"after", f.after}});
  if (!r.dry_run) {
    json["compacted"] = r.compacted;
    json["live_dir"] = r.new_dir;
    json["bytes_before"] = r.bytes_before;
    json["bytes_after"] = r.bytes_after;
    json["leftovers_removed"] = r.leftovers_removed;
  }
  json["elapsed_seconds"] = r.elapsed_seconds;
  return json;
}

int RunRebuild(const GlobalOptions& global, const RebuildArgs& args) {
  const Gazetteer gazetteer = Gazetteer::LoadWithUserFiles(global.gazetteer_files);
  RebuildCallbacks callbacks;
  callbacks.on_problem = [](const Problem& p) { std::cerr << "gazette: " << p.ToString() << "\n"; };
  const bool show_progress = !global.quiet && isatty(STDERR_FILENO);
  if (show_progress) {
    // The library calls at most every 100 ms: <= 10 redraws a second.
    callbacks.on_progress = [](const RebuildProgress& p) {
      std::cerr << fmt::format("\rrebuilding: {} / {} articles", p.articles_done, p.articles_total)
                << std::flush;
    };
  }
  const RebuildReport r = Rebuild(global.db_path, args.options, gazetteer, callbacks);
  if (show_progress) std::cerr << "\r\033[K";
  if (args.json) {
    std::cout << DumpJson(ReportJson(r)) << "\n";
  } else if (r.dry_run) {
    WriteDryRunText(r, std::cout);
  } else if (!global.quiet) {
    std::cerr << fmt::format(
        "rebuilt {} articles ({} with changed entities, {} dropped){} in {:.2f} s; {} -> {}\n",
        r.articles, r.changed, r.dropped, r.compacted ? ", compacted" : "", r.elapsed_seconds,
        HumanBytes(r.bytes_before), HumanBytes(r.bytes_after));
  }
  return r.dropped > 0 ? kExitRejected : kExitOk;
}

}  // namespace

Command AddRebuildCommand(CLI::App& root) {
  auto args = std::make_shared<RebuildArgs>();
  CLI::App* app = root.add_subcommand(
      "rebuild", "Re-derive every article with the current gazetteer and schema, then swap");
  app->add_flag("--compact", args->compact, "The new database is always compacted; accepted");
  app->add_flag("--dry-run", args->options.dry_run,
                "Report the articles and facets that would change; write nothing");
  app->add_option("--wait", args->options.wait_seconds,
                  "Seconds to wait for another writer's lock")
      ->capture_default_str();
  app->add_option("--top", args->options.facet_limit, "Facet values per kind in --dry-run")
      ->capture_default_str();
  app->add_option_function<std::string>(
         "--format", [args](const std::string& f) { args->json = f == "json"; },
         "Report: text, json")
      ->check(CLI::IsMember({"text", "json"}));
  return {app, [args](const GlobalOptions& g) { return RunRebuild(g, *args); }};
}

}  // namespace gazette::cli
