// Loading and merging gazetteer files, and resolving what users type.
#include "gazette/gazetteer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/fold.h"
#include "extract/gazetteer_data.h"
#include "extract/tokenizer.h"
#include "gazette/problem.h"
#include "hash.h"

#include <fmt/format.h>

namespace gazette {
namespace {

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

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

bool IsValidId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string LastWord(std::string_view name) {
  const auto space = name.find_last_of(' ');
  return std::string(space == std::string_view::npos ? name : name.substr(space + 1));
}

}  // namespace

// What Resolve looks names up in: built on the first Resolve, not at load,
// because `gazette search` needs it for one or two values at most and startup
// must stay in the low milliseconds.
// Sorted (folded key, entity index) pairs: one allocation per table instead
// of one per key keeps the build near 1 ms.
using FoldedTable = std::vector<std::pair<std::string, std::uint32_t>>;

struct ResolveIndex {
  FoldedTable by_name;     // names, aliases
  FoldedTable by_surname;  // people
  std::vector<std::string> titles;  // folded, longest first
};

struct LazyResolveIndex {
  std::once_flag once;
  ResolveIndex index;
};

struct Gazetteer::Impl {
  std::vector<Entity> entities;
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<Title> titles;
  std::set<std::string, std::less<>> common_words;  // folded
  // FNV-1a over every merged text, in order: streamed, so that loading keeps
  // no copy of the texts.
  std::uint64_t fingerprint = internal::Fnv1a64({});
  std::unique_ptr<LazyResolveIndex> resolve = std::make_unique<LazyResolveIndex>();

  const ResolveIndex& Index() {
    std::call_once(resolve->once, [this] { BuildIndex(resolve->index); });
    return resolve->index;
  }

  void BuildIndex(ResolveIndex& index) const {
    internal::Tokens scratch;
    index.by_name.reserve(entities.size() * 4);
    for (std::uint32_t i = 0; i < entities.size(); ++i) {
      const Entity& e = entities[i];
      index.by_name.emplace_back(internal::FoldPhrase(e.name, scratch), i);
      for (const std::string& alias : e.aliases)
        index.by_name.emplace_back(internal::FoldPhrase(alias, scratch), i);
      if (!e.surname.empty())
        index.by_surname.emplace_back(internal::FoldPhrase(e.surname, scratch), i);
    }
    std::sort(index.by_name.begin(), index.by_name.end());
    std::sort(index.by_surname.begin(), index.by_surname.end());
    for (const Title& title : titles) index.titles.push_back(internal::FoldPhrase(title.text));
    std::sort(index.titles.begin(), index.titles.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }

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
  impl_->resolve = std::make_unique<LazyResolveIndex>();
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
      throw bad("expected 6 tab-separated columns (id, kind, name, aliases, country, details), got " +
                std::to_string(count));
    Entity e;
    e.id = std::string(Trim(cols[0]));
    if (!IsValidId(e.id)) throw bad("id '" + e.id + "' must be lowercase [a-z0-9_]");
    const auto kind = ParseKind(Trim(cols[1]));
    if (!kind) throw bad("unknown kind '" + std::string(cols[1]) + "' (leader, person, org, place)");
    e.kind = *kind;
    e.name = std::string(Trim(cols[2]));
    if (e.name.empty()) throw bad("empty name");
    for (std::string_view alias : Split(cols[3], '|')) {
      alias = Trim(alias);
      if (alias.empty()) continue;
      if (alias.front() == '~') {
        e.surname = std::string(Trim(alias.substr(1)));
        continue;
      }
      e.aliases.emplace_back(alias);
    }
    if (e.surname.empty() && (e.kind == EntityKind::kLeader || e.kind == EntityKind::kPerson))
      e.surname = LastWord(e.name);
    e.country = std::string(Trim(cols[4]));
    e.details = std::string(Trim(cols[5]));
    impl_->Add(std::move(e));
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

namespace {

// Parsing the embedded files again costs about what copying Builtin() would,
// and a command needs only one of the two.
void MergeBuiltinFiles(Gazetteer& g, std::vector<Title>& titles,
                       std::set<std::string, std::less<>>& common_words, std::uint64_t& fingerprint) {
  std::size_t lines = 0;
  for (const internal::EmbeddedFile& file : internal::BuiltinGazetteerFiles())
    lines += static_cast<std::size_t>(std::count(file.content.begin(), file.content.end(), '\n'));
  g.Reserve(lines);
  for (const internal::EmbeddedFile& file : internal::BuiltinGazetteerFiles()) {
    if (file.name.ends_with(".tsv") && file.name != "titles.tsv") {
      g.MergeTsv(file.content, "index/" + std::string(file.name));
      continue;
    }
    fingerprint = internal::Fnv1a64(file.content, fingerprint);
    if (file.name == "titles.tsv") {
      MergeTitles(file.content, titles);
    } else {
      MergeCommonWords(file.content, common_words);
    }
  }
}

}  // namespace

void Gazetteer::MergeTitlesTsv(std::string_view text) {
  impl_->fingerprint = internal::Fnv1a64(text, impl_->fingerprint);
  impl_->resolve = std::make_unique<LazyResolveIndex>();
  MergeTitles(text, impl_->titles);
}

void Gazetteer::MergeCommonWords(std::string_view text) {
  impl_->fingerprint = internal::Fnv1a64(text, impl_->fingerprint);
  gazette::MergeCommonWords(text, impl_->common_words);
}

const Gazetteer& Gazetteer::Builtin() {
  static const Gazetteer builtin = [] {
    Gazetteer g;
    MergeBuiltinFiles(g, g.impl_->titles, g.impl_->common_words, g.impl_->fingerprint);
    return g;
  }();
  return builtin;
}

Gazetteer Gazetteer::LoadWithUserFiles(const std::vector<std::string>& user_files) {
  Gazetteer g;
  MergeBuiltinFiles(g, g.impl_->titles, g.impl_->common_words, g.impl_->fingerprint);
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
  auto it = impl_->by_id.find(std::string(id));
  return it == impl_->by_id.end() ? nullptr : &impl_->entities[it->second];
}

namespace {

std::pair<FoldedTable::const_iterator, FoldedTable::const_iterator> EqualRange(
    const FoldedTable& table, const std::string& key) {
  auto first = std::lower_bound(table.begin(), table.end(), key,
                                [](const auto& entry, const std::string& k) { return entry.first < k; });
  auto last = first;
  while (last != table.end() && last->first == key) ++last;
  return {first, last};
}

bool KindMatches(EntityKind wanted, EntityKind kind) {
  return kind == wanted || (wanted == EntityKind::kPerson && kind == EntityKind::kLeader);
}

}  // namespace

// Tries, in order: the id ("vladimir_putin", "sco"), a name or alias, a
// surname shared by no other entity of the kind, then the same without a
// leading title or "the" ("President Putin", "PM Kishida").
const Entity* Gazetteer::Resolve(EntityKind kind, std::string_view value) const {
  std::string id(Trim(value));
  for (char& c : id) c = static_cast<char>(c == ' ' ? '_' : std::tolower(static_cast<unsigned char>(c)));
  if (const Entity* e = FindById(id); e && KindMatches(kind, e->kind)) return e;
  const ResolveIndex& index = impl_->Index();
  auto lookup = [&](const std::string& key) -> const Entity* {
    for (auto [it, end] = EqualRange(index.by_name, key); it != end; ++it)
      if (KindMatches(kind, impl_->entities[it->second].kind)) return &impl_->entities[it->second];
    const Entity* only = nullptr;
    for (auto [it, end] = EqualRange(index.by_surname, key); it != end; ++it) {
      if (!KindMatches(kind, impl_->entities[it->second].kind)) continue;
      if (only != nullptr) return nullptr;  // "Kim": several people
      only = &impl_->entities[it->second];
    }
    return only;
  };
  const std::string key = internal::FoldPhrase(value);
  if (key.empty()) return nullptr;
  if (const Entity* e = lookup(key)) return e;
  std::string_view rest = key;
  if (rest.starts_with("the ")) rest.remove_prefix(4);
  for (const std::string& title : index.titles) {
    if (rest.size() > title.size() && rest.starts_with(title) && rest[title.size()] == ' ') {
      rest.remove_prefix(title.size() + 1);
      break;
    }
  }
  return rest.size() == key.size() ? nullptr : lookup(std::string(rest));
}

std::vector<const Entity*> Gazetteer::Closest(EntityKind kind, std::string_view value,
                                              std::size_t n) const {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  const std::string key = internal::FoldPhrase(value);
  std::vector<std::pair<std::size_t, const Entity*>> scored;
  for (const Entity& e : impl_->entities) {
    if (e.kind != kind && !(kind == EntityKind::kPerson && e.kind == EntityKind::kLeader)) continue;
    std::size_t best = distance(key, internal::FoldPhrase(e.name));
    best = std::min(best, distance(key, e.id));
    if (!e.surname.empty()) best = std::min(best, distance(key, internal::FoldPhrase(e.surname)));
    for (const std::string& alias : e.aliases)
      best = std::min(best, distance(key, internal::FoldPhrase(alias)));
    scored.emplace_back(best, &e);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entity*> closest;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) closest.push_back(scored[i].second);
  return closest;
}

std::string Gazetteer::Fingerprint() const { return fmt::format("{:016x}", impl_->fingerprint); }

std::span<const Entity> Gazetteer::entities() const { return impl_->entities; }
std::span<const Title> Gazetteer::titles() const { return impl_->titles; }

bool Gazetteer::IsCommonWord(std::string_view word) const {
  return impl_->common_words.find(internal::Fold(word)) != impl_->common_words.end();
}

}  // namespace gazette
