// list_entities: prints the entities extraction finds in text files, one
// block per file, for reviewing extraction by eye (the seeds, a new corpus).
//   build/tools/bench/list_entities [--gazetteer FILE]... FILE...
// Each file's first line is the title, the rest the body.
#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gazette/extract.h"
#include "gazette/gazetteer.h"
#include "gazette/problem.h"

namespace {

gazette::Article ReadArticle(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw gazette::Error(gazette::ErrorKind::kIo, path + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  gazette::Article article;
  const std::size_t newline = content.find('\n');
  article.title = content.substr(0, newline);
  if (newline != std::string::npos) article.body = content.substr(newline + 1);
  return article;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> user_files;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--gazetteer" && i + 1 < argc) {
      user_files.push_back(argv[++i]);
    } else {
      paths.push_back(arg);
    }
  }
  try {
    const gazette::Gazetteer gazetteer = gazette::Gazetteer::LoadWithUserFiles(user_files);
    const gazette::EntityExtractor extractor(gazetteer);
    for (const std::string& path : paths) {
      gazette::Article article = ReadArticle(path);
      extractor.Extract(article);
      fmt::print("{}\n", path);
      for (gazette::EntityKind kind : gazette::kAllEntityKinds) {
        std::string line;
        for (const gazette::Mention& m : article.mentions(kind))
          line += fmt::format("{}{} [{}] ×{} \"{}\"@{}", line.empty() ? "" : "; ", m.name, m.id,
                              m.count, m.alias, m.first_offset);
        fmt::print("  {:7} {}\n", gazette::KindName(kind), line.empty() ? "-" : line);
      }
    }
  } catch (const gazette::Error& e) {
    fmt::print(stderr, "list_entities: {}\n", e.what());
    return 2;
  }
  return 0;
}
