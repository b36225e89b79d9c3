// Gazetteer: what users type resolves, folded; the built-in data read lazily is the whole of it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "extract/gazetteer_data.h"
#include "extract_test_util.h"

namespace gazette::testing {
namespace {

TEST_CASE("gazetteer: Resolve accepts ids, names, aliases, surnames and titled forms") {
  struct ResolveCase {
    EntityKind kind;
    std::string_view typed;
    std::string_view expected;  // id, or "" for no match
  };
  const ResolveCase cases[] = {
      {EntityKind::kLeader, "putin", "vladimir_putin"},
      {EntityKind::kLeader, "Vladimir Putin", "vladimir_putin"},
      {EntityKind::kLeader, "  VLADIMIR   PUTIN ", "vladimir_putin"},
      {EntityKind::kLeader, "vladimir_putin", "vladimir_putin"},
      {EntityKind::kLeader, "President Putin", "vladimir_putin"},
      {EntityKind::kLeader, "Putin's", "vladimir_putin"},
      {EntityKind::kLeader, "erdogan", "recep_tayyip_erdogan"},
      {EntityKind::kLeader, "ERDOĞAN", "recep_tayyip_erdogan"},
      {EntityKind::kLeader, "Recep Tayyip Erdogan", "recep_tayyip_erdogan"},
      {EntityKind::kLeader, "xi", "xi_jinping"},
      {EntityKind::kPerson, "putin", "vladimir_putin"},  // a leader is a person
      {EntityKind::kOrganization, "sco", "sco"},
      {EntityKind::kOrganization, "SCO", "sco"},
      {EntityKind::kOrganization, "Shanghai Cooperation Organisation", "sco"},
      {EntityKind::kOrganization, "shanghai cooperation organization", "sco"},
      {EntityKind::kPlace, "U.S.", "united_states"},
      {EntityKind::kPlace, "us", "united_states"},
      {EntityKind::kPlace, "turkiye", "turkey"},
      {EntityKind::kPlace, "the United States", "united_states"},
      // Refused: ambiguous surname, wrong kind, unknown, empty.
      {EntityKind::kLeader, "kim", ""},
      {EntityKind::kOrganization, "putin", ""},
      {EntityKind::kPlace, "sco", ""},
      {EntityKind::kLeader, "nobody", ""},
      {EntityKind::kLeader, "", ""},
      {EntityKind::kLeader, "President", ""},
  };
  for (const ResolveCase& c : cases) {
    CAPTURE(c.typed);
    CAPTURE(KindName(c.kind));
    const Entity* entity = TestGazetteer().Resolve(c.kind, c.typed);
    CHECK((entity ? entity->id : "") == c.expected);
  }
}

TEST_CASE("gazetteer: Closest suggests near names, folded") {
  const auto closest = TestGazetteer().Closest(EntityKind::kLeader, "Puttin", 2);
  REQUIRE(closest.size() == 2);
  CHECK(closest[0]->id == "vladimir_putin");
  const auto accented = TestGazetteer().Closest(EntityKind::kLeader, "Erdogn", 1);
  REQUIRE(accented.size() == 1);
  CHECK(accented[0]->id == "recep_tayyip_erdogan");
}

TEST_CASE("gazetteer: common words are case- and accent-insensitive") {
  CHECK(TestGazetteer().IsCommonWord("May"));
  CHECK(TestGazetteer().IsCommonWord("may"));
  CHECK(!TestGazetteer().IsCommonWord("Putin"));
}

TEST_CASE("gazetteer: a merged line replaces an entity and changes the fingerprint") {
  Gazetteer g;
  g.MergeTsv(kTestEntities, "test");
  const std::string before = g.Fingerprint();
  g.MergeTsv("vladimir_putin\tleader\tVladimir V. Putin\tVVP\tRU\t\n", "user");
  CHECK(g.Fingerprint() != before);
  REQUIRE(g.Resolve(EntityKind::kLeader, "vvp") != nullptr);
  CHECK(g.Resolve(EntityKind::kLeader, "vvp")->name == "Vladimir V. Putin");
  CHECK(g.Resolve(EntityKind::kLeader, "Vladimir Putin")->name == "Vladimir V. Putin");  // by id
  CHECK(g.entities().size() == 21);
}

TEST_CASE("gazetteer: the built-in data resolves what users type") {
  const Gazetteer& builtin = Gazetteer::Builtin();
  struct BuiltinCase {
    EntityKind kind;
    std::string_view typed, expected;
  };
  const BuiltinCase cases[] = {
      {EntityKind::kLeader, "putin", "vladimir_putin"},
      {EntityKind::kLeader, "Vladimir Putin", "vladimir_putin"},
      {EntityKind::kLeader, "President Xi", "xi_jinping"},
      {EntityKind::kOrganization, "sco", "sco"},
      {EntityKind::kOrganization, "Shanghai Cooperation Organisation", "sco"},
      {EntityKind::kOrganization, "Shanghai Cooperation Organization", "sco"},
      {EntityKind::kPlace, "Brasilia", "brasilia"},
  };
  for (const BuiltinCase& c : cases) {
    CAPTURE(c.typed);
    const Entity* entity = builtin.Resolve(c.kind, c.typed);
    CHECK((entity ? entity->id : "") == c.expected);
  }
}

TEST_CASE("gazetteer: Builtin(), parsed on first read, equals the one loaded eagerly") {
  // Load time is a benchmark's business (tools/bench/search_bench prints it).
  // No user gazetteer.tsv may join the eager one.
  const char* saved = std::getenv("XDG_CONFIG_HOME");
  const std::string restore = saved ? saved : "";
  setenv("XDG_CONFIG_HOME", "/nonexistent/gazette-test", 1);
  const Gazetteer eager = Gazetteer::LoadWithUserFiles({});
  if (saved) setenv("XDG_CONFIG_HOME", restore.c_str(), 1); else unsetenv("XDG_CONFIG_HOME");
  const Gazetteer& lazy = Gazetteer::Builtin();
  CHECK(lazy.FindById("vladimir_putin") != nullptr);
  CHECK(lazy.Fingerprint() == eager.Fingerprint());
  CHECK(lazy.entities().size() == eager.entities().size());
  CHECK(lazy.titles().size() == eager.titles().size());
  CHECK(eager.entities().size() > 1000);
}

TEST_CASE("gazetteer: a merged file's entities outlive the caller's text, and a move") {
  Gazetteer g;
  {
    std::string text = "zz_envoy\tperson\tZara Zed\tZ. Zed|~Zed\tKE\tenvoy\n";
    g.MergeTsv(text, "user");
    text.assign(text.size(), '#');  // the caller reuses its buffer
  }
  const Gazetteer moved = std::move(g);
  const Entity* e = moved.FindById("zz_envoy");
  REQUIRE(e != nullptr);
  CHECK(e->name == "Zara Zed");
  CHECK(e->surname == "Zed");
  REQUIRE(e->aliases.size() == 1);
  CHECK(e->aliases[0] == "Z. Zed");
  CHECK(e->details == "envoy");
  CHECK(moved.Resolve(EntityKind::kPerson, "zara zed") == e);
}

TEST_CASE("gazetteer: the built-in fingerprint is the hash of the files as merged one by one") {
  // embed.py hashes the files at build time; merging the same texts into an
  // empty gazetteer hashes them at run time. Indexes store the fingerprint,
  // so a difference would tell every user to rebuild.
  Gazetteer merged;
  for (const internal::EmbeddedFile& file : internal::BuiltinGazetteerFiles()) {
    if (file.name == "titles.tsv") {
      merged.MergeTitlesTsv(file.content);
    } else if (file.name.ends_with(".tsv")) {
      merged.MergeTsv(file.content, file.name);
    } else {
      merged.MergeCommonWords(file.content);
    }
  }
  CHECK(Gazetteer::Builtin().Fingerprint() == merged.Fingerprint());
  CHECK(Gazetteer::Builtin().entities().size() == merged.entities().size());
}

}  // namespace
}  // namespace gazette::testing
