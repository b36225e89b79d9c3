// Loading and merging gazetteer files, and resolving what users type.
#include "gazette/gazetteer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/gazetteer_data.h"
#include "gazette/problem.h"
#include "hash.h"

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

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Case-folded key for lookups. ASCII only here; the extractor folds accents.
std::string LookupKey(std::string_view s) {
  std::string key;
  for (unsigned char c : Trim(s)) key += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
  return key;
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

struct Gazetteer::Impl {
  std::vector<Entity> entities;
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<Title> titles;
  std::set<std::string, std::less<>> common_words;
  std::string fingerprint_input;  // every merged text, in order

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
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

void Gazetteer::MergeTsv(std::string_view text, std::string_view origin) {
  impl_->fingerprint_input += text;
  int line_number = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    auto bad = [&](const std::string& reason) {
      return Error(ErrorKind::kUsage,
                   Problem{std::string(origin), line_number, reason, true}.ToString());
    };
    const std::vector<std::string_view> cols = Split(line, '\t');
    if (cols.size() != 6)
      throw bad("expected 6 tab-separated columns (id, kind, name, aliases, country, details), got " +
                std::to_string(cols.size()));
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

const Gazetteer& Gazetteer::Builtin() {
  static const Gazetteer builtin = [] {
    Gazetteer g;
    for (const internal::EmbeddedFile& file : internal::BuiltinGazetteerFiles()) {
      if (file.name.ends_with(".tsv") && file.name != "titles.tsv") {
        g.MergeTsv(file.content, "index/" + std::string(file.name));
      } else if (file.name == "titles.tsv") {
        g.impl_->fingerprint_input += file.content;
        MergeTitles(file.content, g.impl_->titles);
      } else {
        g.impl_->fingerprint_input += file.content;
        for (std::string_view word : Split(file.content, '\n'))
          if (!Trim(word).empty() && Trim(word).front() != '#')
            g.impl_->common_words.emplace(Trim(word));
      }
    }
    return g;
  }();
  return builtin;
}

Gazetteer Gazetteer::LoadWithUserFiles(const std::vector<std::string>& user_files) {
  Gazetteer g;
  const Gazetteer& builtin = Builtin();
  g.impl_->entities = builtin.impl_->entities;
  g.impl_->by_id = builtin.impl_->by_id;
  g.impl_->titles = builtin.impl_->titles;
  g.impl_->common_words = builtin.impl_->common_words;
  g.impl_->fingerprint_input = builtin.impl_->fingerprint_input;
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

const Entity* Gazetteer::Resolve(EntityKind kind, std::string_view value) const {
  const std::string key = LookupKey(value);
  auto kind_matches = [kind](const Entity& e) {
    return e.kind == kind || (kind == EntityKind::kPerson && e.kind == EntityKind::kLeader);
  };
  if (const Entity* e = FindById(key); e && kind_matches(*e)) return e;
  const Entity* by_surname = nullptr;
  int surname_matches = 0;
  for (const Entity& e : impl_->entities) {
    if (!kind_matches(e)) continue;
    if (LookupKey(e.name) == key) return &e;
    for (const std::string& alias : e.aliases)
      if (LookupKey(alias) == key) return &e;
    if (!e.surname.empty() && LookupKey(e.surname) == key) {
      by_surname = &e;
      ++surname_matches;
    }
  }
  return surname_matches == 1 ? by_surname : nullptr;
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
  const std::string key = LookupKey(value);
  std::vector<std::pair<std::size_t, const Entity*>> scored;
  for (const Entity& e : impl_->entities) {
    if (e.kind != kind && !(kind == EntityKind::kPerson && e.kind == EntityKind::kLeader)) continue;
    std::size_t best = distance(key, LookupKey(e.name));
    best = std::min(best, distance(key, e.id));
    if (!e.surname.empty()) best = std::min(best, distance(key, LookupKey(e.surname)));
    for (const std::string& alias : e.aliases) best = std::min(best, distance(key, LookupKey(alias)));
    scored.emplace_back(best, &e);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entity*> closest;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) closest.push_back(scored[i].second);
  return closest;
}

std::string Gazetteer::Fingerprint() const { return internal::HexHash(impl_->fingerprint_input); }

std::span<const Entity> Gazetteer::entities() const { return impl_->entities; }
std::span<const Title> Gazetteer::titles() const { return impl_->titles; }

bool Gazetteer::IsCommonWord(std::string_view word) const {
  return impl_->common_words.find(word) != impl_->common_words.end();
}

}  // namespace gazette
