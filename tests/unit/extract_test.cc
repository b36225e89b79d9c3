// Entity extraction rules, each with the inputs that must not match.
#include <doctest/doctest.h>

#include <thread>

#include "extract_test_util.h"

namespace gazette::testing {
namespace {

struct Case {
  std::string_view text;
  std::string_view expected;  // Summary() of the kind under test
};

void CheckKind(EntityKind kind, std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Article article = ExtractFrom(c.text);
    CHECK(Summary(article.mentions(kind)) == c.expected);
  }
}

TEST_CASE("extract: a name matches whole words only, never inside a word") {
  CheckKind(EntityKind::kLeader, {
                                     {"Xi spoke first.", "xi_jinping:1"},
                                     {"Xinhua reported the talks.", ""},
                                     {"He took a taxi to the airport.", ""},
                                     {"The Xi-Putin summit", "xi_jinping:1 vladimir_putin:1"},
                                     {"Putinism is a word.", ""},
                                 });
  CheckKind(EntityKind::kOrganization, {
                                           {"Xinhua reported the talks.", "xinhua:1"},
                                           {"XinhuaNet reported the talks.", ""},
                                       });
}

TEST_CASE("extract: the longest name wins") {
  CheckKind(EntityKind::kOrganization,
            {
                {"at the Shanghai Cooperation Organisation summit", "sco:1"},
                {"at the Shanghai Cooperation Organization summit", "sco:1"},
                {"a summit in Shanghai", ""},
            });
  CheckKind(EntityKind::kPlace, {
                                    {"at the Shanghai Cooperation Organisation summit", ""},
                                    {"a summit in Shanghai", "shanghai:1"},
                                    {"the People's Republic of China", "china:1"},
                                    {"the Republic of China", "taiwan:1"},
                                    {"North Korean troops", "north_korea:1"},
                                });
}

TEST_CASE("extract: case and accents are folded") {
  CheckKind(EntityKind::kLeader,
            {
                {"Recep Tayyip Erdoğan spoke.", "recep_tayyip_erdogan:1"},
                {"Recep Tayyip Erdogan spoke.", "recep_tayyip_erdogan:1"},
                {"Erdogan spoke, then Erdoğan left.", "recep_tayyip_erdogan:2"},
                {"ERDOGAN SPEAKS", "recep_tayyip_erdogan:1"},
                {"VLADIMIR PUTIN ARRIVES", "vladimir_putin:1"},
            });
  CheckKind(EntityKind::kPlace, {
                                    {"talks in Türkiye", "turkey:1"},
                                    {"talks in Turkiye", "turkey:1"},
                                    {"talks in TURKEY", "turkey:1"},
                                });
}

TEST_CASE("extract: possessives with straight and curly apostrophes") {
  CheckKind(EntityKind::kLeader, {
                                     {"Putin's visit", "vladimir_putin:1"},
                                     {"Putin’s visit", "vladimir_putin:1"},
                                     {"Vladimir Putin’s visit", "vladimir_putin:1"},
                                     {"Xi Jinping’s meeting", "xi_jinping:1"},
                                 });
  CheckKind(EntityKind::kPlace, {
                                    {"Russia’s stance and China's", "russia:1 china:1"},
                                    {"the United States’ allies", "united_states:1"},
                                });
}

TEST_CASE("extract: an alias in capitals matches only in capitals") {
  CheckKind(EntityKind::kPlace, {
                                    {"US sanctions", "united_states:1"},
                                    {"U.S. sanctions", "united_states:1"},
                                    {"the US-led club", "united_states:1"},
                                    {"let us talk", ""},
                                    {"Us and them.", ""},
                                    {"join us.", ""},
                                });
  CheckKind(EntityKind::kOrganization, {
                                           {"the UN said", "un:1"},
                                           {"the U.N. said", "un:1"},
                                           {"un peu de tout", ""},
                                           {"the Un said", ""},
                                       });
}

TEST_CASE("extract: a surname that is a common word needs an earlier mention") {
  CheckKind(EntityKind::kLeader, {
                                     {"May said no.", ""},
                                     {"In May, talks resumed.", ""},
                                     {"Prices may rise.", ""},
                                     {"Theresa May arrived. May said no.", "theresa_may:2"},
                                     {"Prime Minister May said no. May left.", "theresa_may:2"},
                                     {"In May, Theresa May resigned.", "theresa_may:1"},
                                 });
  CheckKind(EntityKind::kPlace, {
                                    {"Victoria said yes.", ""},
                                });
}

TEST_CASE("extract: a unique surname alone is enough, a shared one needs context") {
  CheckKind(EntityKind::kLeader, {
                                     {"Putin said", "vladimir_putin:1"},
                                     {"Kim said", ""},
                                     {"Kim Jong Un arrived. Kim said", "kim_jong_un:2"},
                                     {"North Korean President Kim arrived", "kim_jong_un:1"},
                                     {"South Korean President Kim arrived", "kim_dae_jung:1"},
                                     {"his namesake Boris Putin spoke", ""},
                                     {"When Putin spoke", "vladimir_putin:1"},
                                     {"Vladimir Putin met Boris Putin", "vladimir_putin:2"},
                                 });
}

TEST_CASE("extract: a title resolves the name after it") {
  const Case cases[] = {
      {"President Xi arrived.", "President Xi"},
      {"Chinese President Xi Jinping arrived.", "President Xi Jinping"},
      {"Japan's PM Fumio Kishida said", "PM Fumio Kishida"},
      {"Prime Minister Kishida said", "Prime Minister Kishida"},
      {"president Putin said", "president Putin"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Article article = ExtractFrom(c.text);
    REQUIRE(article.leaders.size() == 1);
    CHECK(article.leaders[0].alias == c.expected);
  }
  CHECK(Summary(ExtractFrom("Chinese President Xi Jinping arrived.").places) == "china:1");
  CHECK(Summary(ExtractFrom("Japan's PM Fumio Kishida said").places) == "japan:1");
  CHECK(ExtractFrom("Japan's PM Fumio Kishida said").leaders[0].id == "fumio_kishida");
}

TEST_CASE("extract: an unknown name after a title is a new leader or person") {
  struct TitledCase {
    std::string_view text;
    std::string_view leaders;
    std::string_view people;
  };
  const TitledCase cases[] = {
      {"President Emmanuel Macron said", "emmanuel_macron:1", ""},
      {"French President Emmanuel Macron’s plan", "emmanuel_macron:1", ""},
      {"his aide Yuri Ushakov said. Later Ushakov added", "", "yuri_ushakov:2"},
      {"Foreign Minister Sergei Lavrov met", "", "sergei_lavrov:1"},
      {"Prime Minister Nawaz Sharif met Putin", "nawaz_sharif:1 vladimir_putin:1", ""},
      {"Deputy Prime Minister Alexander Novak met", "", "alexander_novak:1"},
      {"ministry spokesperson Mao Ning", "", "mao_ning:1"},
      {"President Jörg Müller-Lüdenscheid spoke", "jorg_muller_ludenscheid:1", ""},
      // Not names: one word, lowercase words, a sentence end, a common word.
      {"President Macron said", "", ""},
      {"the president said", "", ""},
      {"the aide. Later Officials said", "", ""},
      {"President Monday Brown said", "", ""},
      {"an aide to the President, Joe Smith said", "", ""},
      {"General Assembly President Dennis Francis said", "dennis_francis:1", ""},
      {"King Visits New City Hospital Today", "", ""},
      {"Gen. Valery Gerasimov said", "", "valery_gerasimov:1"},
  };
  for (const TitledCase& c : cases) {
    CAPTURE(c.text);
    const Article article = ExtractFrom(c.text);
    CHECK(Summary(article.leaders) == c.leaders);
    CHECK(Summary(article.people) == c.people);
  }
  const Article article = ExtractFrom("President Emmanuel Macron’s plan");
  REQUIRE(article.leaders.size() == 1);
  CHECK(article.leaders[0].name == "Emmanuel Macron");
  CHECK(article.leaders[0].alias == "President Emmanuel Macron");
}

TEST_CASE("extract: a definition Long Name (ABC) names an organization and teaches ABC") {
  struct DefinitionCase {
    std::string_view text;
    std::string_view organizations;
    std::string_view places;
  };
  const DefinitionCase cases[] = {
      {"the Collective Security Treaty Organization (CSTO) met. CSTO troops left.", "csto:2", ""},
      {"the Shanghai Cooperation Organization (SCO) summit. The SCO grew.", "sco:2", ""},
      {"the Organization of the Petroleum Exporting Countries (OPEC) cut output", "opec:1", ""},
      {"the Bank for International Settlements (BIS) warned", "bis:1", ""},
      {"the Shanghai Film Office (SFO) said. SFO staff", "sfo:2", ""},
      {"the Shanghai Film Office (SCO) said. SCO staff", "sco:2", "shanghai:1"},
      // Not definitions: the initials do not spell the acronym.
      {"a big Deal (BD) today", "", ""},
      {"in Shanghai (SCO) today", "sco:1", "shanghai:1"},
  };
  for (const DefinitionCase& c : cases) {
    CAPTURE(c.text);
    const Article article = ExtractFrom(c.text);
    CHECK(Summary(article.organizations) == c.organizations);
    CHECK(Summary(article.places) == c.places);
  }
  const Article csto = ExtractFrom("the Collective Security Treaty Organization (CSTO) met");
  REQUIRE(csto.organizations.size() == 1);
  CHECK(csto.organizations[0].name == "Collective Security Treaty Organization");
}

TEST_CASE("extract: an article's own definition overrides the gazetteer's acronym") {
  const Article article = ExtractFrom("the Southern Coast Office (SCO) said. SCO staff");
  CHECK(Summary(article.organizations) == "southern_coast_office:2");
}

TEST_CASE("extract: demonyms are place mentions") {
  CheckKind(EntityKind::kPlace, {
                                    {"Russian President Vladimir Putin", "russia:1"},
                                    {"Chinese state media said", "china:1"},
                                    {"American pressure", "united_states:1"},
                                });
}

TEST_CASE("extract: counts, first offsets and first surface forms") {
  const Article article = ExtractFrom("Putin met Xi. Then President Xi left.", "Xi in Moscow");
  REQUIRE(article.leaders.size() == 2);
  CHECK(article.leaders[0] == Mention{"xi_jinping", "Xi Jinping", 3, 0, "Xi"});
  CHECK(article.leaders[1] == Mention{"vladimir_putin", "Vladimir Putin", 1,
                                      std::string("Xi in Moscow\n").size(), "Putin"});
}

TEST_CASE("extract: a second extraction replaces the first") {
  Article article;
  article.body = "Putin spoke.";
  TestExtractor().Extract(article);
  article.body = "Xi spoke.";
  TestExtractor().Extract(article);
  CHECK(Summary(article.leaders) == "xi_jinping:1");
}

TEST_CASE("extract: one extractor serves several threads") {
  const std::string text =
      "Chinese President Xi Jinping met Putin. The Collective Security Treaty Organization "
      "(CSTO) and the UN. His aide Yuri Ushakov said US officials";
  const Article expected = ExtractFrom(text);
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const Article article = ExtractFrom(text);
        same[t] += article.leaders == expected.leaders && article.people == expected.people &&
                   article.organizations == expected.organizations &&
                   article.places == expected.places;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : same) CHECK(count == 200);
}

}  // namespace
}  // namespace gazette::testing
