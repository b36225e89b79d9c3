// tools/cmd_search.cc: `gazette search QUERY...`, ranked hits and facets.
#include <iostream>
#include <sstream>

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
  Filters filters;
  SearchOptions options;
  std::vector<std::string> facets;  // as given: "leader,org" or repeated
  OutputFormat format = OutputFormat::kText;
  bool explain = false;
};

// --facet takes "leader,org" as well as repeated flags.
std::vector<std::string> SplitFacets(const std::vector<std::string>& given) {
  std::vector<std::string> names;
  for (const std::string& item : given) {
    std::stringstream stream(item);
    for (std::string name; std::getline(stream, name, ',');)
      if (!name.empty()) names.push_back(name);
  }
  return names;
}

int RunSearch(const GlobalOptions& global, SearchArgs args) {
  Database db = OpenForQuery(global);
  std::optional<Gazetteer> merged;
  const Gazetteer& gazetteer = QueryGazetteer(global, merged);
  // Only text and json show "did you mean".
  const bool shows_suggestion =
      args.format != OutputFormat::kIds && args.format != OutputFormat::kJsonl;
  const ParsedQuery query = BuildQuery(db, gazetteer, JoinWords(args.words), args.filters,
                                       QueryNow(), shows_suggestion ? Suggest::kYes : Suggest::kNo);
  if (args.explain) {
    std::cout << Explain(query);
    return kExitOk;
  }
  args.options.facets = SplitFacets(args.facets);
  if (args.format == OutputFormat::kIds) args.options.snippet_length = 0;
  const SearchResult result = Search(db, query, args.options, gazetteer);
  WriteSearchResult(result, FormatOptions{args.format, global.ColorStdout()}, std::cout);
  WarnSkippedShards(db);
  return kExitOk;
}

}  // namespace

Command AddSearchCommand(CLI::App& root) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* app = root.add_subcommand("search", "Search the index, best matches first");
  app->add_option("query", args->words,
                  "Words, \"phrases\", AND/OR/NOT, NEAR, summ*, field:value (docs/query-syntax.md)");
  AddFilterFlags(*app, args->filters);
  app->add_option("-n,--limit", args->options.limit, "Number of hits to show (0: facets only)")
      ->capture_default_str();
  app->add_option("--offset", args->options.offset, "Hits to skip")->capture_default_str();
  const std::map<std::string, SortOrder> sorts = {{"relevance", SortOrder::kRelevance},
                                                  {"newest", SortOrder::kNewest},
                                                  {"oldest", SortOrder::kOldest}};
  app->add_option("--sort", args->options.sort,
                  "relevance, newest, oldest (default: relevance with words, newest for filters only)")
      ->transform(CLI::CheckedTransformer(sorts, CLI::ignore_case));
  app->add_flag("--exact-total", args->options.exact_total, "Count every match instead of estimating");
  const std::string facet_help = "Count matches per value of these fields, exactly: " +
                                 JoinWords(FacetNames()) + " (comma-separated or repeated)";
  app->add_option("--facet", args->facets, facet_help)->type_name("FIELD[,FIELD...]")->allow_extra_args(false);
  app->add_option("--facet-limit", args->options.facet_limit, "Values shown per facet")
      ->capture_default_str();
  const std::map<std::string, OutputFormat> formats = {{"text", OutputFormat::kText},
                                                       {"json", OutputFormat::kJson},
                                                       {"jsonl", OutputFormat::kJsonl},
                                                       {"ids", OutputFormat::kIds}};
  app->add_option("--format", args->format, "text, json (docs/json.md), jsonl (a hit a line), ids")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  app->add_flag("--explain", args->explain,
                "Print how the query was understood (entities, stems, dates) instead of searching");
  return {app, [args](const GlobalOptions& g) { return RunSearch(g, *args); }, /*reads_many=*/true};
}

}  // namespace gazette::cli
