// tools/cmd_search.cc: `gazette search QUERY...`, ranked hits.
#include <ctime>
#include <iostream>

#include "commands.h"
#include "gazette/database.h"
#include "gazette/format.h"
#include "gazette/gazetteer.h"
#include "gazette/query.h"
#include "gazette/search.h"

namespace gazette::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  SearchOptions options;
  OutputFormat format = OutputFormat::kText;
};

std::string JoinWords(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& w : words) {
    if (!joined.empty()) joined += ' ';
    joined += w;
  }
  return joined;
}

int RunSearch(const GlobalOptions& global, const SearchArgs& args) {
  Database db = Database::Open(global.db_path);
  const Gazetteer gazetteer;
  const ParsedQuery query =
      BuildQuery(db, gazetteer, JoinWords(args.words), Filters{}, std::time(nullptr));
  const SearchResult result = Search(db, query, args.options);
  WriteSearchResult(result, FormatOptions{args.format, global.ColorStdout()}, std::cout);
  return kExitOk;
}

}  // namespace

Command AddSearchCommand(CLI::App& root) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* app = root.add_subcommand("search", "Search the index, best matches first");
  app->add_option("query", args->words, "Words, \"phrases\", AND/OR/NOT, title:word");
  app->add_option("-n,--limit", args->options.limit, "Number of hits to show")
      ->capture_default_str();
  app->add_option("--offset", args->options.offset, "Hits to skip")->capture_default_str();
  const std::map<std::string, OutputFormat> formats = {{"text", OutputFormat::kText},
                                                       {"json", OutputFormat::kJson},
                                                       {"ids", OutputFormat::kIds}};
  app->add_option("--format", args->format, "Output: text, json, ids")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  return {app, [args](const GlobalOptions& g) { return RunSearch(g, *args); }};
}

}  // namespace gazette::cli
