// tools/cmd_count.cc: `gazette count QUERY`, the exact number of matching articles.
#include <fmt/format.h>

#include "commands.h"
#include "gazette/database.h"
#include "gazette/gazetteer.h"
#include "gazette/search.h"

namespace gazette::cli {
namespace {

struct CountArgs {
  std::vector<std::string> words;
  Filters filters;  // --leader, --org, --since… (shared with search)
};

int RunCount(const GlobalOptions& global, const CountArgs& args) {
  Database db = OpenForQuery(global);  // throws Error{kNoDatabase} with a hint
  std::optional<Gazetteer> merged;
  const Gazetteer& gazetteer = QueryGazetteer(global, merged);
  const ParsedQuery query =
      BuildQuery(db, gazetteer, JoinWords(args.words), args.filters, QueryNow(), Suggest::kNo);
  fmt::print("{}\n", CountMatches(db, query));
  WarnSkippedShards(db);
  return kExitOk;
}

}  // namespace

Command AddCountCommand(CLI::App& root) {
  auto args = std::make_shared<CountArgs>();
  CLI::App* app = root.add_subcommand("count", "Print the exact number of matching articles");
  app->add_option("query", args->words, "Words, phrases and field:value terms (see search)");
  AddFilterFlags(*app, args->filters);
  return {app, [args](const GlobalOptions& g) { return RunCount(g, *args); }, /*reads_many=*/true};
}

}  // namespace gazette::cli
