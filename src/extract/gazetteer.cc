// Loading and merging gazetteer files, and resolving what users type.
#include "gazette/gazetteer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/fold.h"
#include "extract/gazetteer_data.h"
#include "ingest/text_util.h"
#include "gazette/problem.h"
#include "hash.h"

namespace gazette {
namespace {

using internal::Trim;

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Splits a line at tabs into `cols`; returns how many columns it has (which
// may exceed cols.size(): the extra ones are not stored).
std::size_t SplitColumns(std::string_view line, std::array<std::string_view, 6>& cols) {
  std::size_t count = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = line.find('\t', start);
    if (count < cols.size()) cols[count] = line.substr(start, end - start);
    ++count;
    if (end == std::string_view::npos) return count;
    start = end + 1;
  }
}

bool IsValidId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string_view LastWord(std::string_view name) {
  const auto space = name.find_last_of(' ');
  return space == std::string_view::npos ? name : name.substr(space + 1);
}

}  // namespace

struct Gazetteer::Impl {
  std::vector<Entity> entities;
  std::unordered_map<std::string_view, std::size_t> by_id;
  // Copies of the merged texts that are not the embedded files: the
  // entities' views point into them. A deque, so that they never move.
  std::deque<std::string> texts;
  std::vector<Title> titles;
  std::set<std::string, std::less<>> common_words;  // folded
  // FNV-1a over every merged text, in order: streamed, so that loading keeps
  // no copy of the texts.
  std::uint64_t fingerprint = internal::Fnv1a64({});
  // Builtin() parses itself on first use, not when it is handed out: a plain
  // `gazette search word` names entities from the stored articles and never
  // reads the gazetteer, and parsing it is 3.5 ms of a 25 ms command.
  bool builtin_pending = false;
  std::once_flag builtin_parsed;

  void ParseTsv(std::string_view text, std::string_view origin);
  void MergeBuiltin();

  void Add(Entity entity) {
    if (auto it = by_id.find(entity.id); it != by_id.end()) {
      entities[it->second] = std::move(entity);
    } else {
      by_id.emplace(entity.id, entities.size());
      entities.push_back(std::move(entity));
    }
  }
};

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}

void Gazetteer::Reserve(std::size_t entities) {
  impl_->entities.reserve(entities);
  impl_->by_id.reserve(entities);
}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

// Loading is on the startup path of every command (`gazette search` must
// start in a few ms), hence no per-line vectors and a reserve up front.
void Gazetteer::MergeTsv(std::string_view text, std::string_view origin) {
  impl_->fingerprint = internal::Fnv1a64(text, impl_->fingerprint);
  impl_->ParseTsv(impl_->texts.emplace_back(text), origin);
}

void Gazetteer::Impl::ParseTsv(std::string_view text, std::string_view origin) {
  int line_number = 0;
  std::array<std::string_view, 6> cols;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    auto bad = [&](const std::string& reason) {
      return Error(ErrorKind::kUsage,
                   Problem{std::string(origin), line_number, reason, true}.ToString());
    };
    const std::size_t count = SplitColumns(line, cols);
    if (count != 6)
      throw bad(
          "expected 6 tab-separated columns (id, kind, name, aliases, country, details), got " +
          std::to_string(count));
    Entity e;
    e.id = Trim(cols[0]);
    if (!IsValidId(e.id)) throw bad("id '" + std::string(e.id) + "' must be lowercase [a-z0-9_]");
    const auto kind = ParseKind(Trim(cols[1]));
    if (!kind)
      throw bad("unknown kind '" + std::string(cols[1]) + "' (leader, person, org, place)");
    e.kind = *kind;
    e.name = Trim(cols[2]);
    if (e.name.empty()) throw bad("empty name");
    for (std::string_view aliases = cols[3]; !aliases.empty();) {
      const std::size_t bar = aliases.find('|');
      std::string_view alias = Trim(aliases.substr(0, bar));
      aliases.remove_prefix(bar == std::string_view::npos ? aliases.size() : bar + 1);
      if (alias.empty()) continue;
      if (alias.front() == '~') {
        e.surname = Trim(alias.substr(1));
        continue;
      }
      e.aliases.emplace_back(alias);
    }
    if (e.surname.empty() && (e.kind == EntityKind::kLeader || e.kind == EntityKind::kPerson))
      e.surname = LastWord(e.name);
    e.country = Trim(cols[4]);
    e.details = Trim(cols[5]);
    Add(std::move(e));
  }
}

namespace {

void MergeCommonWords(std::string_view text, std::set<std::string, std::less<>>& common_words) {
  for (std::string_view word : Split(text, '\n'))
    if (!Trim(word).empty() && Trim(word).front() != '#')
      common_words.emplace(internal::Fold(Trim(word)));
}

void MergeTitles(std::string_view text, std::vector<Title>& titles) {
  for (std::string_view line : Split(text, '\n')) {
    line = Trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto cols = Split(line, '\t');
    const auto kind = cols.size() > 1 ? ParseKind(Trim(cols[1])) : std::nullopt;
    titles.push_back(Title{std::string(Trim(cols[0])), kind.value_or(EntityKind::kPerson)});
  }
}

}  // namespace

// Parsing the embedded files again costs about what copying Builtin() would,
// and a command needs only one of the two.
void Gazetteer::Impl::MergeBuiltin() {
  std::size_t lines = 0;  // counted with memchr: std::count went byte by byte
  for (const internal::EmbeddedFile& file : internal::BuiltinGazetteerFiles())
    for (std::size_t at = file.content.find('\n'); at != std::string_view::npos;
         at = file.content.find('\n', at + 1))
      ++lines;
  entities.reserve(lines);
  by_id.reserve(lines);
  for (const internal::EmbeddedFile& file : internal::BuiltinGazetteerFiles()) {
    if (file.name == "titles.tsv") {
      MergeTitles(file.content, titles);
    } else if (file.name.ends_with(".tsv")) {
      ParseTsv(file.content, "index/" + std::string(file.name));
    } else {
      gazette::MergeCommonWords(file.content, common_words);
    }
  }
  fingerprint = internal::BuiltinGazetteerFingerprint();
}

void Gazetteer::MergeTitlesTsv(std::string_view text) {
  impl_->fingerprint = internal::Fnv1a64(text, impl_->fingerprint);
  MergeTitles(text, impl_->titles);
}

void Gazetteer::MergeCommonWords(std::string_view text) {
  impl_->fingerprint = internal::Fnv1a64(text, impl_->fingerprint);
  gazette::MergeCommonWords(text, impl_->common_words);
}

const Gazetteer& Gazetteer::Builtin() {
  // Never destroyed: freeing its thousands of strings at exit cost a tenth of
  // loading them, on every command that read it.
  static const Gazetteer* builtin = [] {
    auto* g = new Gazetteer;
    g->impl_->builtin_pending = true;
    return g;
  }();
  return *builtin;
}

const Gazetteer::Impl& Gazetteer::Data() const {
  Impl& impl = *impl_;
  if (impl.builtin_pending) {
    // Builtin() is the only pending one, and it is not const itself.
    std::call_once(impl.builtin_parsed, [this, &impl] {
      impl.MergeBuiltin();
    });
  }
  return impl;
}

Gazetteer Gazetteer::LoadWithUserFiles(const std::vector<std::string>& user_files) {
  Gazetteer g;
  g.impl_->MergeBuiltin();
  std::vector<std::string> files;
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string config_dir =
      config && *config ? config : std::string(home ? home : ".") + "/.config";
  const std::string user_default = config_dir + "/gazette/gazetteer.tsv";
  if (std::filesystem::exists(user_default)) files.push_back(user_default);
  files.insert(files.end(), user_files.begin(), user_files.end());
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorKind::kIo, path + ": cannot read gazetteer file");
    std::ostringstream text;
    text << in.rdbuf();
    g.MergeTsv(text.str(), path);
  }
  return g;
}

const Entity* Gazetteer::FindById(std::string_view id) const {
  const Impl& data = Data();
  auto it = data.by_id.find(id);
  return it == data.by_id.end() ? nullptr : &data.entities[it->second];
}

std::string Gazetteer::Fingerprint() const { return fmt::format("{:016x}", Data().fingerprint); }

std::span<const Entity> Gazetteer::entities() const { return Data().entities; }
std::span<const Title> Gazetteer::titles() const { return Data().titles; }

bool Gazetteer::IsCommonWord(std::string_view word) const {
  const Impl& data = Data();
  return data.common_words.find(internal::Fold(word)) != data.common_words.end();
}

}  // namespace gazette
