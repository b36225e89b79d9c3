// The gazetteer: the entities gazette knows (leaders, people, organizations,
// places) with their aliases. The default is compiled from index/*.tsv; users
// merge their own files over it. See index/README.md for the file format.
#ifndef GAZETTE_GAZETTEER_H_
#define GAZETTE_GAZETTEER_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/article.h"

namespace gazette {

// Views into the gazetteer's text (the embedded files, or its copy of a
// merged one): valid as long as the Gazetteer it came from. Loading the
// built-in one copies no string.
struct Entity {
  std::string_view id;  // canonical id, [a-z0-9_]+, unique across kinds
  EntityKind kind = EntityKind::kPlace;
  std::string_view name;                  // display name
  std::vector<std::string_view> aliases;  // other surface forms, as written
  std::string_view surname;               // for people: declared with '~', else the last word
  std::string_view country;               // ISO 3166-1 alpha-2, may be empty
  std::string_view details;               // offices with years, place type, org category
};

// A word that introduces a person: "President" (a leader), "aide" (a person).
struct Title {
  std::string text;
  EntityKind kind = EntityKind::kPerson;  // kLeader or kPerson
};

class Gazetteer {
 public:
  Gazetteer();  // empty
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;

  // The built-in gazetteer compiled from index/. Parsed once, when first read
  // (not when first handed out).
  static const Gazetteer& Builtin();

  // The built-in gazetteer, then $XDG_CONFIG_HOME/gazette/gazetteer.tsv when
  // present, then each of `user_files` in order. Throws Error{kIo} for an
  // unreadable file, Error{kUsage} naming "file:line: reason" for a bad line.
  static Gazetteer LoadWithUserFiles(const std::vector<std::string>& user_files);

  // Merges entity lines in the six-column format: an existing id is replaced,
  // a new id added. `origin` names the text in errors. Throws Error{kUsage}.
  void MergeTsv(std::string_view text, std::string_view origin);

  // Adds titles in titles.tsv's format ("title<TAB>leader|person") and common
  // words in common_words.txt's (one a line); '#' lines are skipped. The
  // built-in ones are merged by Builtin(); these serve tests and embedders.
  void MergeTitlesTsv(std::string_view text);
  void MergeCommonWords(std::string_view text);

  // Makes room for `entities` in total, so that merging big files does not
  // reallocate (loading is on every command's startup path).
  void Reserve(std::size_t entities);

  const Entity* FindById(std::string_view id) const;

  // What a user typed after `leader:` / `--org`: an id, the name, an alias, a
  // surname no other entity of the kind shares, or any of these after a title
  // or "the" ("President Putin"); case-, accent- and punctuation-insensitive
  // ("ERDOGAN", "U.S."). nullptr when nothing matches. For kPerson, leaders
  // match too (a leader is a person). Thread-safe; no index is built: a call
  // folds only the aliases whose first letter fits (well under 1 ms).
  const Entity* Resolve(EntityKind kind, std::string_view value) const;

  // Up to `n` known entities of `kind` whose names are closest to `value`
  // (for "unknown entity; did you mean ...").
  std::vector<const Entity*> Closest(EntityKind kind, std::string_view value, std::size_t n) const;

  // Changes whenever any entity, title or common word changes: stored in the
  // index so `inspect` can tell that a rebuild would change the entities.
  std::string Fingerprint() const;

  std::span<const Entity> entities() const;
  std::span<const Title> titles() const;
  // Capitalised words that are also ordinary words ("May", "Brown"): a bare
  // surname or city equal to one needs context to match. Case- and
  // accent-insensitive.
  bool IsCommonWord(std::string_view word) const;

 private:
  struct Impl;
  const Impl& Data() const;  // parses Builtin() on its first use
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette

#endif  // GAZETTE_GAZETTEER_H_
