// A small inline gazetteer for extraction tests, independent of index/ so
// that data edits do not break rule tests.
#ifndef GAZETTE_TESTS_UNIT_EXTRACT_TEST_UTIL_H_
#define GAZETTE_TESTS_UNIT_EXTRACT_TEST_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "gazette/article.h"
#include "gazette/extract.h"
#include "gazette/gazetteer.h"

namespace gazette::testing {

inline constexpr std::string_view kTestEntities =
    "xi_jinping\tleader\tXi Jinping\t~Xi\tCN\tPresident 2013-\n"
    "vladimir_putin\tleader\tVladimir Putin\t\tRU\tPresident 2012-\n"
    "theresa_may\tleader\tTheresa May\t\tGB\tPrime Minister 2016-2019\n"
    "fumio_kishida\tleader\tFumio Kishida\t\tJP\tPrime Minister 2021-2024\n"
    "recep_tayyip_erdogan\tleader\tRecep Tayyip Erdoğan\t~Erdoğan\tTR\tPresident 2014-\n"
    "kim_jong_un\tleader\tKim Jong Un\t~Kim\tKP\tSupreme Leader 2011-\n"
    "kim_dae_jung\tleader\tKim Dae-jung\t~Kim\tKR\tPresident 1998-2003\n"
    "sco\torg\tShanghai Cooperation Organisation\tShanghai Cooperation Organization|SCO\t\t\n"
    "opec\torg\tOPEC\tOrganization of the Petroleum Exporting Countries\t\t\n"
    "un\torg\tUnited Nations\tUN|U.N.\t\t\n"
    "xinhua\torg\tXinhua\t\tCN\tnews_agency\n"
    "china\tplace\tChina\tChinese|People's Republic of China\tCN\tcountry\n"
    "taiwan\tplace\tTaiwan\tRepublic of China\tTW\tcountry\n"
    "russia\tplace\tRussia\tRussian\tRU\tcountry\n"
    "japan\tplace\tJapan\tJapanese\tJP\tcountry\n"
    "united_states\tplace\tUnited States\tUS|U.S.|American\tUS\tcountry\n"
    "shanghai\tplace\tShanghai\t\tCN\tcity\n"
    "victoria\tplace\tVictoria\t\tSC\tcapital\n"
    "north_korea\tplace\tNorth Korea\tNorth Korean\tKP\tcountry\n"
    "south_korea\tplace\tSouth Korea\tSouth Korean\tKR\tcountry\n"
    "turkey\tplace\tTürkiye\tTurkey|Turkish\tTR\tcountry\n";

inline constexpr std::string_view kTestTitles =
    "President\tleader\nPrime Minister\tleader\nPM\tleader\nDeputy Prime Minister\tperson\n"
    "aide\tperson\nForeign Minister\tperson\nspokesperson\tperson\nGen.\tperson\nKing\tleader\n"
    "General\tperson\n";

inline constexpr std::string_view kTestCommonWords = "May\nBrown\nVictoria\nMonday\n";

inline const Gazetteer& TestGazetteer() {
  static const Gazetteer gazetteer = [] {
    Gazetteer g;
    g.MergeTsv(kTestEntities, "test");
    g.MergeTitlesTsv(kTestTitles);
    g.MergeCommonWords(kTestCommonWords);
    return g;
  }();
  return gazetteer;
}

inline const EntityExtractor& TestExtractor() {
  static const EntityExtractor extractor(TestGazetteer());
  return extractor;
}

inline Article ExtractFrom(std::string_view body, std::string_view title = "") {
  Article article;
  article.title = title;
  article.body = body;
  TestExtractor().Extract(article);
  return article;
}

// "xi_jinping:2 vladimir_putin:1": ids with counts, in order of first mention.
inline std::string Summary(const std::vector<Mention>& mentions) {
  std::string out;
  for (const Mention& m : mentions)
    out += (out.empty() ? "" : " ") + m.id + ":" + std::to_string(m.count);
  return out;
}

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_UNIT_EXTRACT_TEST_UTIL_H_
